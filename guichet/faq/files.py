"""What an uploaded file really is, decided from its bytes and never from its name; images are
re-encoded (metadata dropped, size bounded) so that nothing but pixels reaches visitors.

Accepted: PNG, JPEG, GIF and WebP images; PDF; Word, Excel and PowerPoint documents without
macros; OpenDocument text, spreadsheets and presentations; CSV and plain text in UTF-8. SVG is
refused (it is a program as much as an image), and so is everything else, with the list.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from guichet.faq.errors import FieldError

MAX_IMAGE_PIXELS = 40_000_000  # a decompression bomb beyond this is refused before it is decoded
MAX_IMAGE_WIDTH = 2000  # wider images are scaled down: they are read on phones and screens

IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}
OFFICE_FOLDERS = {"word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                  "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                  "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")}
OPENDOCUMENT = {"application/vnd.oasis.opendocument.text": "odt",
                "application/vnd.oasis.opendocument.spreadsheet": "ods",
                "application/vnd.oasis.opendocument.presentation": "odp"}
TEXT_TYPES = {"csv": "text/csv", "txt": "text/plain"}
KIND_LABELS = {"png": "PNG", "jpg": "JPEG", "pdf": "PDF", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint",
               "odt": "OpenDocument texte", "ods": "OpenDocument tableur", "odp": "OpenDocument présentation",
               "csv": "CSV", "txt": "Texte"}


class RefusedFile(FieldError):
    def __init__(self, message: str):
        super().__init__("file", message)


@dataclass(frozen=True)
class CheckedFile:
    """A file fit to store: its bytes (re-encoded for an image), type and extension as read."""

    data: bytes
    content_type: str
    extension: str
    width: int | None = None  # images only
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.width is not None


def accepted_types() -> str:
    return _("images PNG, JPEG, GIF ou WebP ; PDF ; Word, Excel, PowerPoint (sans macros) ; "
             "OpenDocument ; CSV ou texte")


def check_file(name: str, data: bytes, max_bytes: int, *, reencode_images: bool = True) -> CheckedFile:
    """``data`` as a file visitors may be given, or RefusedFile saying why not. Uploaded images are
    always encoded again; an imported one (``reencode_images=False``) is decoded all the same, and
    kept as it is when it is already what the encoder makes (PNG or JPEG, no metadata, not too
    wide), so that an export imported again gives the same bytes."""
    if not data:
        raise RefusedFile(_("Le fichier est vide."))
    if len(data) > max_bytes:
        raise RefusedFile(_("Le fichier dépasse %(n)d Mo.") % {"n": max_bytes // (1024 * 1024)})
    head = data[:1024]
    if name.lower().endswith((".svg", ".svgz")) or b"<svg" in head.lower():
        raise RefusedFile(_("Les images SVG ne sont pas acceptées (elles peuvent contenir du code) : "
                            "enregistrez l’image en PNG."))
    if any(head.startswith(signature) for signature in IMAGE_SIGNATURES) or (head[:4] == b"RIFF"
                                                                           and head[8:12] == b"WEBP"):
        return _reencoded_image(data, keep_canonical=not reencode_images)
    if head.startswith(b"%PDF-"):
        return CheckedFile(data, "application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        return _office_document(data)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in TEXT_TYPES and _is_text(data):
        return CheckedFile(data, TEXT_TYPES[extension], extension)
    raise RefusedFile(_("Ce type de fichier n’est pas accepté. Types acceptés : %(types)s.") % {"types": accepted_types()})


def _reencoded_image(data: bytes, keep_canonical: bool = False) -> CheckedFile:
    """Decode and encode again: EXIF (positions, names) and anything after the pixels is gone."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise RefusedFile(_("L’image est trop grande (plus de %(n)d millions de pixels).")
                                      % {"n": MAX_IMAGE_PIXELS // 1_000_000})
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if keep_canonical and _is_canonical(image):
                    content_type, extension = ("image/png", "png") if image.format == "PNG" else ("image/jpeg", "jpg")
                    return CheckedFile(data, content_type, extension, image.width, image.height)
                image.seek(0)  # an animation: its first frame
                picture = ImageOps.exif_transpose(image)
                has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
                picture = picture.convert("RGBA" if has_alpha else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as err:
        raise RefusedFile(_("L’image est illisible ou endommagée.")) from err
    if picture.width > MAX_IMAGE_WIDTH:
        picture = picture.resize((MAX_IMAGE_WIDTH, round(picture.height * MAX_IMAGE_WIDTH / picture.width)),
                                 Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha:
        picture.save(out, "PNG", optimize=True)
        return CheckedFile(out.getvalue(), "image/png", "png", picture.width, picture.height)
    picture.save(out, "JPEG", quality=85, optimize=True)
    return CheckedFile(out.getvalue(), "image/jpeg", "jpg", picture.width, picture.height)


ENCODER_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression"}


def _is_canonical(image: Image.Image) -> bool:
    """What ``_reencoded_image`` writes: a PNG with transparency or an RGB JPEG, nothing beside
    the pixels (no EXIF, profile, comment or text chunk), not too wide."""
    shape = (image.format == "PNG" and image.mode == "RGBA") or (image.format == "JPEG" and image.mode == "RGB")
    return shape and image.width <= MAX_IMAGE_WIDTH and set(image.info) <= ENCODER_INFO


def _office_document(data: bytes) -> CheckedFile:
    """A zip is accepted when it is an Office or OpenDocument file without macros."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT and not any(n.startswith("Basic/") for n in names):
                    return CheckedFile(data, mimetype, OPENDOCUMENT[mimetype])
            elif "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")[:200_000].lower()
                if b"macroenabled" not in types and not any(n.endswith("vbaProject.bin") for n in names):
                    for folder, (extension, content_type) in OFFICE_FOLDERS.items():
                        if any(n.startswith(folder) for n in names):
                            return CheckedFile(data, content_type, extension)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise RefusedFile(_("Le document est illisible ou endommagé.")) from err
    raise RefusedFile(_("Ce type de fichier n’est pas accepté. Types acceptés : %(types)s.") % {"types": accepted_types()})


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
