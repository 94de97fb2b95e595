// The one translation unit that compiles the stb PNG writer used for screenshots.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
