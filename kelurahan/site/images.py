"""Phone photos in, small private images out: the Pillow pipeline and its content-hash cache.

Every published image is decoded once, turned upright (EXIF orientation), converted to sRGB,
stripped of every metadata block (EXIF, GPS, XMP, IPTC, comments, colour profile), resized to
a few widths (never upscaled) and encoded as WebP plus a JPEG fallback (PNG when transparency
needs it). Derivatives are kept outside the output, keyed by the source's content hash and the
processing settings, so a rebuild re-encodes nothing that has not changed and an image shared
by several pages or sites is encoded once, even by two site builds running at the same time.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import io
import json
import os
import re
import threading
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from stat import S_ISREG

from PIL import Image, ImageCms, UnidentifiedImageError

from kelurahan.errors import Problem

VERSION = 1  # bump when the pipeline's output changes: every derivative is then re-encoded
WIDTHS = (360, 720, 1080, 1440)
REFUSE_PIXELS = 90_000_000  # above this an image is refused before it is decoded
WARN_PIXELS = 40_000_000
WARN_BYTES = 15 * 1024 * 1024
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF")  # JPEG also opens phones' MPO
ANIMATED = ("GIF", "PNG", "WEBP")  # MPO and HEIF hold extra pictures, not animation
KNOWN = "JPG, PNG, WebP, GIF, atau HEIC"


@dataclass(frozen=True)
class Spec:
    """The processing settings; part of every cache key."""

    widths: tuple[int, ...] = WIDTHS
    webp_quality: int = 75
    webp_method: int = 2  # 4+ halves the speed for under 10 % fewer bytes
    max_side: int = 1440  # portraits stop at 1440 px high (960 wide for 2:3)
    jpeg_quality: int = 80

    def digest(self) -> str:
        data = json.dumps({"versi": VERSION, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()


LINK_FIX = "ganti dengan berkas gambar aslinya di folder gambar/ kelurahan ini"
MISSING_FIX = ("periksa ejaan nama berkas (huruf besar/kecil berpengaruh) dan pastikan berkasnya "
               "ada di folder gambar/")


def missing_image(shown: str, path: str, line: int | None = None, key: str = "") -> Problem:
    """The one message for an image that the content names but the folder does not hold."""
    return Problem(shown, f'gambar "{path}" tidak ditemukan', MISSING_FIX, line, "error", key)


class ImageProblem(Exception):
    """An image that cannot be published as it is: what is wrong and what to do (Indonesian)."""

    def __init__(self, message: str, fix: str, level: str = "error"):
        super().__init__(message)
        self.message, self.fix, self.level = message, fix, level


@dataclass
class Variant:
    width: int
    height: int
    format: str  # webp, jpeg or png
    name: str  # file name inside the cache folder

    @property
    def ext(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format


@dataclass
class Processed:
    """One source image's derivatives in the cache, and what was noticed on the way."""

    key: str
    folder: Path
    width: int
    height: int
    alpha: bool
    variants: list[Variant]
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (message, fix, level)

    @property
    def fallback(self) -> str:
        return "png" if self.alpha else "jpeg"

    def of(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.format == fmt]

    def largest(self, fmt: str | None = None) -> Variant:
        return self.of(fmt or self.fallback)[-1]

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("folder")
        return data

    @classmethod
    def from_json(cls, folder: Path, data: dict) -> "Processed":
        variants = [Variant(**v) for v in data.pop("variants")]
        notes = [tuple(n) for n in data.pop("notes")]
        return cls(folder=folder, variants=variants, notes=notes, **data)


@functools.cache
def _setup() -> None:
    """Teach Pillow HEIC, and let our own pixel limit replace its bomb warning."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def _megapixels(width: int, height: int) -> str:
    return f"{width}×{height} piksel ({width * height / 1e6:.0f} megapiksel)"


def _bomb(name: str, size: str) -> ImageProblem:
    return ImageProblem(f'gambar "{name}" berukuran {size}, terlalu besar untuk diproses dengan '
                        "aman", "perkecil gambar hingga paling besar 4000 piksel di sisi "
                        "terpanjang, simpan ulang, lalu unggah lagi")


def _corrupt(name: str) -> ImageProblem:
    return ImageProblem(f'gambar "{name}" rusak atau terpotong sehingga tidak bisa dibaca',
                        "salin ulang berkas aslinya dari ponsel atau kamera, lalu unggah lagi")


def open_image(path: Path, name: str) -> tuple[Image.Image, list[tuple[str, str, str]]]:
    """Open and decode a source image, refusing bombs and unsupported files before decoding."""
    _setup()
    notes = []
    with open(path, "rb") as handle:
        head = handle.read(512)
    if path.suffix.lower() in (".svg", ".svgz") or re.match(rb"^\s*(<\?xml|<svg|<!--)", head):
        raise ImageProblem(f'gambar "{name}" berformat SVG, yang tidak diterbitkan karena bisa '
                           "berisi skrip", "ekspor gambar itu sebagai PNG (misalnya lebar "
                           "1000 piksel) dari aplikasi desainnya, lalu tulis nama berkas .png")
    size = path.stat().st_size
    if size > WARN_BYTES:
        notes.append((f'berkas gambar "{name}" besar sekali ({size / 1048576:.0f} MB); situs '
                      "memakai versi kecil, tetapi repositori menjadi berat",
                      "perkecil foto sebelum diunggah, misalnya lebar 2000 piksel", "warning"))
    try:
        image = Image.open(path, formats=FORMATS)
    except Image.DecompressionBombError:
        raise _bomb(name, "melebihi batas piksel") from None
    except UnidentifiedImageError:
        raise ImageProblem(f'berkas "{name}" bukan gambar {KNOWN} yang bisa dibaca',
                           "buka di aplikasi galeri atau pengolah gambar lalu simpan sebagai JPG "
                           "(foto) atau PNG (logo, gambar bergaris tegas)") from None
    except (OSError, SyntaxError, ValueError):
        raise _corrupt(name) from None
    width, height = image.size
    if width * height > REFUSE_PIXELS:
        raise _bomb(name, _megapixels(width, height))
    if width * height > WARN_PIXELS:
        notes.append((f'gambar "{name}" berukuran {_megapixels(width, height)}',
                      "perkecil foto sebelum diunggah agar repositori tetap ringan", "warning"))
    if image.format in ANIMATED and getattr(image, "n_frames", 1) > 1:
        notes.append((f'gambar bergerak "{name}": hanya bingkai pertamanya yang diterbitkan, '
                      "sebagai gambar diam", "bila gerakannya penting, unggah sebagai video ke "
                      "kanal media sosial kelurahan dan tautkan dari tulisan", "warning"))
    if image.mode == "CMYK":
        notes.append((f'gambar "{name}" berwarna CMYK (untuk cetak) dan diubah ke warna layar '
                      "(sRGB)", "tidak perlu tindakan; bila warnanya tampak berbeda, simpan ulang "
                      "sebagai RGB", "info"))
    return image, notes


# EXIF orientation → the transposition that turns the stored picture upright (as ImageOps does).
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 — a damaged EXIF block only loses the rotation
        return 1
    return value if value in _UPRIGHT else 1


def _top_size(shown: tuple[int, int], spec: Spec) -> tuple[int, int]:
    """The largest derivative: the widest width, never upscaled, long side at most max_side."""
    width, height = shown
    top = max(1, min(max(spec.widths), width, width * spec.max_side // height))
    return top, max(1, round(height * top / width))


def _decode(image: Image.Image, spec: Spec, name: str) -> Image.Image:
    """Decode (JPEG straight at a reduced scale), shrink to the largest size, turn upright."""
    orientation = _orientation(image)
    turned = orientation in (5, 6, 7, 8)
    stored = image.size
    top = _top_size(stored[::-1] if turned else stored, spec)
    target = top[::-1] if turned else top
    if image.format in ("JPEG", "MPO"):
        image.draft(None, target)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _corrupt(name) from None
    small = _resize(_normalise(image), target)  # shrink first: turning fewer pixels is cheaper
    return small.transpose(_UPRIGHT[orientation]) if orientation != 1 else small


def _normalise(image: Image.Image) -> Image.Image:
    """Any mode → 8-bit RGB or RGBA (16-bit scaled, palettes expanded)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("LA", "PA", "La", "RGBa"):
        image = image.convert("RGBA")
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert("RGB")
    return image


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert with the embedded colour profile (Display P3, CMYK …), else plainly."""
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            described = ImageCms.getProfileDescription(profile).lower()
            if image.mode == "CMYK" or "srgb" not in described:
                mode = "RGBA" if image.mode == "RGBA" else "RGB"
                image = ImageCms.profileToProfile(image, profile, _srgb(), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the plain conversion below still gives a usable picture
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # an alpha channel nobody uses: JPEG fallback, fewer bytes
    return image if image.mode in ("RGB", "RGBA") else image.convert("RGB")


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    factor = image.width // size[0]
    if image.width == size[0] * factor and image.height == size[1] * factor:
        return image.reduce(factor)  # exact halves and quarters: a box average is enough
    return image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)


def _save(image: Image.Image, fmt: str, spec: Spec) -> bytes:
    image.info = {}  # nothing of the source's metadata may travel into the output
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=spec.webp_quality, method=spec.webp_method, exif=b"")
    elif fmt == "jpeg":
        image.save(buffer, "JPEG", quality=spec.jpeg_quality, optimize=True, exif=b"")
    else:
        image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def process(path: Path, name: str, spec: Spec, folder: Path, key: str) -> Processed:
    """Decode ``path`` and write every derivative into ``folder``."""
    image, notes = open_image(path, name)
    with image:
        icc = image.info.get("icc_profile")
        biggest = _to_srgb(_decode(image, spec, name), icc)
    widths = sorted({w for w in spec.widths if w < biggest.width} | {biggest.width})
    alpha = biggest.mode == "RGBA"
    variants = []
    folder.mkdir(parents=True, exist_ok=True)
    for width in widths:
        height = max(1, round(biggest.height * width / biggest.width))
        derivative = _resize(biggest, (width, height))
        for fmt in ("webp", "png" if alpha else "jpeg"):
            variant = Variant(derivative.width, derivative.height, fmt,
                              f"{width}.{'jpg' if fmt == 'jpeg' else fmt}")
            (folder / variant.name).write_bytes(_save(derivative.copy(), fmt, spec))
            variants.append(variant)
    return Processed(key, folder, biggest.width, biggest.height, alpha, variants, notes)


class Cache:
    """Derivatives on disk, outside the output: <root>/<key[:2]>/<key>/ with info.json."""

    def __init__(self, root: Path, spec: Spec | None = None):
        self.root = Path(root)
        self.spec = spec or Spec()
        self.encoded = 0  # images encoded by this process (the rest came from the cache)

    def source_hash(self, path: Path) -> str:
        """SHA-256 of the file, remembered by path, size and modification time."""
        stat = path.stat()
        if not S_ISREG(stat.st_mode):  # a FIFO or /dev/zero would be read forever
            raise OSError(f"{path} is not a regular file")
        stamp = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
        memo = self.root / "sumber" / hashlib.sha1(stamp.encode()).hexdigest()
        try:
            return memo.read_text()
        except OSError:
            pass
        from kelurahan.output import sha256

        value = sha256(path)
        _write_atomic(memo, value.encode())
        return value

    def _key(self, path: Path) -> str:
        return hashlib.sha256(f"{self.spec.digest()}:{self.source_hash(path)}".encode()).hexdigest()

    def cached(self, path: Path) -> Processed | None:
        """The derivatives of ``path`` if the cache has them, without processing anything."""
        try:
            key = self._key(path)
        except OSError:
            return None
        folder = self.root / key[:2] / key
        return _load(folder, folder / "info.json")

    def get(self, path: Path, name: str) -> Processed:
        """The derivatives of ``path`` (``name`` is how messages call it), or ImageProblem."""
        if not path.is_file():
            raise ImageProblem(f'gambar "{name}" tidak ditemukan', MISSING_FIX)
        try:
            key = self._key(path)
        except OSError:
            raise ImageProblem(f'gambar "{name}" bukan berkas biasa', LINK_FIX) from None
        folder = self.root / key[:2] / key
        info = folder / "info.json"
        found = _load(folder, info)
        if found:
            return found
        lock = self.root / "kunci" / key
        lock.parent.mkdir(parents=True, exist_ok=True)
        with open(lock, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # another site's build may be encoding it now
            found = _load(folder, info)
            if found:
                return found
            result = process(path, name, self.spec, folder, key)
            _write_atomic(info, json.dumps(result.as_json()).encode())
            self.encoded += 1
            return result


def _load(folder: Path, info: Path) -> Processed | None:
    try:
        return Processed.from_json(folder, json.loads(info.read_text()))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Per process and thread: two threads may write the same card (same title and picture).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def link_cached(source: Path, target: Path) -> None:
    """Put a cached file into the output: a hard link where possible, else a copy (never
    written through an existing link: that would change the cache). A site links ~500 files
    into a fresh folder, so the link is tried first and folders made only when missing."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        os.unlink(target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    except OSError:  # another file system, or no links allowed there
        pass
    try:
        os.link(source, target)
    except OSError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.unlink(target)
        Path(target).write_bytes(Path(source).read_bytes())


DIGEST_NOTE = ".sha256"


def digest(path: Path) -> tuple[int, int, str]:
    """(size, mtime_ns, SHA-256) of a file in the image cache, from a note kept beside it
    (name.sha256; only ever called on cache files, never on an output's).

    A site links about 500 cached files (derivatives, social cards) into each fresh output;
    hashing them for the ledger was 40 ms of a site's build, reading the notes is 4 ms. A note
    counts only while the file's size and modification time are those it records, so a file
    replaced in the cache is hashed again, never vouched for with a stale digest. A hard link
    in the output has the same size and time, so the ledger need not read it (a copy has
    another time and is read)."""
    stat = os.stat(path)
    note = f"{path}{DIGEST_NOTE}"
    try:
        handle = os.open(note, os.O_RDONLY)  # no file object: 500 of these a site
        try:
            size, mtime, value = os.read(handle, 256).decode("ascii").split()
        finally:
            os.close(handle)
        if (int(size), int(mtime)) == (stat.st_size, stat.st_mtime_ns) and len(value) == 64:
            return stat.st_size, stat.st_mtime_ns, value
    except (OSError, ValueError):
        pass
    from kelurahan.output import sha256  # the ledger's own hash

    value = sha256(path)
    _write_atomic(Path(note), f"{stat.st_size} {stat.st_mtime_ns} {value}".encode("ascii"))
    return stat.st_size, stat.st_mtime_ns, value


def output_name(src: str, width: int, key: str, ext: str) -> str:
    """gambar/Foto Rapat.JPG → gambar/foto-rapat-720.1a2b3c4d.webp (safe in any srcset)."""
    parts = src.rsplit(".", 1)[0].split("/")
    safe = [re.sub(r"[^a-z0-9_-]+", "-", part.lower()).strip("-") or "gambar" for part in parts]
    return f"{'/'.join(safe)}-{width}.{key[:8]}.{ext}"
