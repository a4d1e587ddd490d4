"""Make NotoSansSC-Regular.ttf and NotoSansSC-Bold.ttf from Google Fonts' variable
NotoSansSC[wght].ttf (see README.md). Needs fontTools (`pip install fonttools`); not run by the app.

    python make_noto_instances.py path/to/NotoSansSC[wght].ttf [output folder]
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    if not argv:
        print(__doc__)
        return 2
    source = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    for weight, style in ((400, "Regular"), (700, "Bold")):
        font = TTFont(source)
        instance = instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
        path = out / f"NotoSansSC-{style}.ttf"
        instance.save(path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
