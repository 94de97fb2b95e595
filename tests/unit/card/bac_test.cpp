// ICAO Doc 9303 Part 11, Appendix D (worked example: Basic Access Control).
#include <gtest/gtest.h>

#include "drivers/card/bac.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"

namespace kiosk::card {
namespace {

const MrzKey kExample{"L898902C", "690806", "940623"};

TEST(Bac, MrzInformationHasCheckDigits) {
  EXPECT_EQ(kExample.information(), "L898902C<369080619406236");
}

TEST(Bac, KeySeedAndKeysMatchWorkedExample) {
  EXPECT_EQ(to_hex(bac_key_seed(kExample.information())), "239AB9CB282DAF66231DC5A4DF6BFBAE");
  const BacKeys keys = bac_keys(kExample);
  EXPECT_EQ(to_hex(keys.k_enc), "AB94FDECF2674FDFB9B391F85D7F76F2");
  EXPECT_EQ(to_hex(keys.k_mac), "7962D9ECE03D1ACD4C76089DCE131543");
}

TEST(Bac, MutualAuthenticationMatchesWorkedExample) {
  const BacKeys keys = bac_keys(kExample);
  const Bytes rnd_ic = from_hex("4608F91988702212");
  const Bytes rnd_ifd = from_hex("781723860C06C226");
  const Bytes k_ifd = from_hex("0B795240CB7049B01C19B33E32804F0B");
  const Bytes command = bac_terminal_command(keys, rnd_ic, rnd_ifd, k_ifd);
  EXPECT_EQ(to_hex(command),
            "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
            "5F1448EEA8AD90A7");

  const Bytes k_ic = from_hex("0B4F80323EB3191CB04970CB4052790B");
  const auto answer = bac_chip_answer(keys, command, rnd_ic, k_ic);
  ASSERT_TRUE(answer);
  EXPECT_EQ(to_hex(answer->response),
            "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F"
            "2F2D235D074D7449");

  const SessionKeys s = bac_terminal_finish(keys, answer->response, rnd_ic, rnd_ifd, k_ifd);
  EXPECT_EQ(to_hex(s.k_enc), "979EC13B1CBFE9DCD01AB0FED307EAE5");
  EXPECT_EQ(to_hex(s.k_mac), "F1CB1F1FB5ADF208806B89DC579DC1F8");
  EXPECT_EQ(to_hex(s.ssc), "887022120C06C226");
  EXPECT_EQ(answer->session.k_enc, s.k_enc);
}

TEST(Bac, WrongMrzIsAccessDenied) {
  const BacKeys keys = bac_keys(kExample);
  const BacKeys other = bac_keys(MrzKey{"L898902C", "690806", "940624"});
  const Bytes rnd_ic = from_hex("4608F91988702212");
  const Bytes command = bac_terminal_command(other, rnd_ic, from_hex("781723860C06C226"),
                                             from_hex("0B795240CB7049B01C19B33E32804F0B"));
  EXPECT_FALSE(bac_chip_answer(keys, command, rnd_ic, from_hex("0B4F80323EB3191CB04970CB4052790B")));
  try {
    bac_terminal_finish(keys, Bytes(40, 0), rnd_ic, Bytes(8, 1), Bytes(16, 2));
    FAIL() << "expected AccessDenied";
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::AccessDenied);
    EXPECT_FALSE(e.retriable());
  }
}

TEST(Bac, RetailMacOfPaddedMessage) {
  // M.IFD of the worked example: MAC over E.IFD padded with method 2.
  const Bytes e = from_hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
  EXPECT_EQ(to_hex(crypto::retail_mac(from_hex("7962D9ECE03D1ACD4C76089DCE131543"), crypto::pad(e, 8))),
            "5F1448EEA8AD90A7");
}

}  // namespace
}  // namespace kiosk::card
