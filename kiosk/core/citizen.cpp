#include "kiosk/core/citizen.hpp"

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk {

void CitizenIdentity::wipe() {
  for (std::string* field : {&id_number, &old_id_number, &full_name, &sex, &nationality, &ethnicity,
                             &religion, &place_of_origin, &place_of_residence}) {
    secure_wipe(*field);
  }
  date_of_birth.reset();
  issue_date.reset();
  expiry_date.reset();
}

}  // namespace kiosk
