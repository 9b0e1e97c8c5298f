"""Render resources/icons/gouji.svg into the PNG sizes, gouji.ico and gouji.icns the bundles use.

Run after editing the SVG:  .venv/bin/pip install cairosvg && .venv/bin/python installer/make_icons.py
The outputs are committed, so a build never needs cairosvg (nor the cairo library).
"""

from __future__ import annotations

import io
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "gouji.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)      # what Windows Explorer and the taskbar ask for
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # Pillow writes each size it finds (and the @2x variants)


def render(size: int):
    """The SVG rasterised at size x size, as an RGBA Pillow image."""
    import cairosvg
    from PIL import Image

    data = cairosvg.svg2png(url=str(SVG), output_width=size, output_height=size)
    return Image.open(io.BytesIO(data)).convert("RGBA")


def main() -> None:
    images = {size: render(size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    for size in PNG_SIZES:
        images[size].save(ICONS / f"gouji-{size}.png", optimize=True)
    # Each size is drawn from the vector, not scaled down from 256, so 16 px stays crisp.
    ico = [images[s] for s in ICO_SIZES]
    ico[-1].save(ICONS / "gouji.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=ico[:-1])
    icns = [images[s] for s in ICNS_SIZES]
    icns[-1].save(ICONS / "gouji.icns", append_images=icns[:-1])
    for path in sorted(ICONS.iterdir()):
        print(f"{path.name:16} {path.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
