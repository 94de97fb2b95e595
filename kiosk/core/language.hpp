#pragma once

namespace kiosk {

enum class Language { Vietnamese, English };

}  // namespace kiosk
