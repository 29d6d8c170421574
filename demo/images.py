"""Demo images drawn locally with Pillow (no downloads): a gradient with simple shapes."""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw


def draw(colour, *, seed, size=(1200, 675)):
    """JPEG bytes of a deterministic abstract picture in ``colour``."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = size
    image = Image.new("RGB", size)
    pixels = ImageDraw.Draw(image)
    r, g, b = colour
    for y in range(height):
        shade = 0.55 + 0.45 * (y / height)
        pixels.line([(0, y), (width, y)], fill=(int(r * shade), int(g * shade), int(b * shade)))
    for _ in range(9):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(40, 220)
        light = tuple(min(255, c + rng.randrange(40, 110)) for c in colour)
        pixels.ellipse([x - radius, y - radius, x + radius, y + radius], outline=light, width=6)
    # A yellow star: the colours of the portal's header.
    cx, cy, outer = width * 0.82, height * 0.3, 70
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        radius = outer if i % 2 == 0 else outer * 0.4
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    pixels.polygon(points, fill=(255, 205, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


def image_file(colour, *, seed, name):
    return ImageFile(draw(colour, seed=seed), name=name)
