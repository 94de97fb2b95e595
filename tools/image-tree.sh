#!/bin/sh
# One hash of everything the appliance tests depend on directly: the image
# recipe, the packaging and the scripts that build and test them.
cd "$(dirname "$0")/.."
git ls-files -s image debian tools/package.sh tools/image.sh tests/image | sha256sum | cut -d' ' -f1
