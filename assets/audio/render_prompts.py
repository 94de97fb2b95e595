#!/usr/bin/env python3
"""Renders every `audio.<screen>` text of the message catalogs to
<out>/<language>/<screen>.wav with espeak-ng, at build time, so the kiosk
only ever plays finished files."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# espeak-ng voice of each catalog language.
VOICES = {"vi": "vi", "en": "en"}
# A little slower than espeak-ng's 175 words a minute: the prompts are for
# people who cannot read the screen, often older people.
WORDS_PER_MINUTE = "150"


def prompts(catalog: Path) -> dict:
    with catalog.open(encoding="utf-8") as f:
        messages = json.load(f)
    return {key[len("audio."):]: text for key, text in messages.items() if key.startswith("audio.")}


def render(espeak: str, voice: str, text: str, target: Path) -> None:
    # Written beside the target and renamed, so an interrupted build never
    # leaves a truncated prompt that looks finished.
    fd, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(fd)
    try:
        subprocess.run([espeak, "-v", voice, "-s", WORDS_PER_MINUTE, "-w", partial, "--", text],
                       check=True, stdout=subprocess.DEVNULL)
        if os.path.getsize(partial) <= 44:
            sys.exit(f"espeak-ng wrote no sound for {target}")
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--espeak", required=True, help="espeak-ng program")
    parser.add_argument("--catalogs", required=True, type=Path, help="directory of vi.json, en.json")
    parser.add_argument("--out", required=True, type=Path, help="audio directory to fill")
    parser.add_argument("--stamp", type=Path, help="file touched when every prompt is rendered")
    args = parser.parse_args()

    for language, voice in VOICES.items():
        texts = prompts(args.catalogs / f"{language}.json")
        if not texts:
            sys.exit(f"{language}.json has no audio.* prompts")
        directory = args.out / language
        directory.mkdir(parents=True, exist_ok=True)
        for screen, text in texts.items():
            if not text.strip():
                sys.exit(f"{language}.json: audio.{screen} is empty")
            render(args.espeak, voice, text, directory / f"{screen}.wav")
        # A prompt removed from the catalog must not keep playing.
        for old in directory.glob("*.wav"):
            if old.stem not in texts:
                old.unlink()
    if args.stamp:
        args.stamp.touch()
    return 0


if __name__ == "__main__":
    sys.exit(main())
