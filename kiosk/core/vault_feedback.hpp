#pragma once

namespace kiosk {

// The three reasons a citizen can give for a wrong vault item (rule 6).
enum class VaultFeedbackReason {
  WrongCitizenInformation,     // Sai thông tin công dân trong file
  NotMyResult,                 // Không phải kết quả của công dân
  NotSignedByCipherCommittee,  // Không ký số bằng chứng thư số của Ban Cơ yếu Chính phủ
};

}  // namespace kiosk
