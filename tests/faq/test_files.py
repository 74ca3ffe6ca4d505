"""Uploaded files are judged by their bytes: images are decoded and encoded again (metadata gone,
width bounded), documents must be what they claim, SVG and macros are refused with the reason."""

import io
import zipfile

import pytest
from PIL import Image

from guichet.faq.files import MAX_IMAGE_WIDTH, RefusedFile, check_file

MAX = 5 * 1024 * 1024


def image_bytes(size=(40, 30), fmt="PNG", mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#000091" if mode == "RGB" else 0).save(out, fmt, **save)
    return out.getvalue()


def office_bytes(folder: str = "word/", content_types: str = "application/xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Default ContentType="{content_types}"/></Types>')
        archive.writestr(f"{folder}document.xml", "<w/>")
    return out.getvalue()


def test_an_image_loses_its_metadata_and_is_scaled_to_a_readable_width():
    exif = Image.Exif()
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # a GPS position
    photo = image_bytes((MAX_IMAGE_WIDTH * 2, 100), "JPEG", exif=exif.tobytes())
    checked = check_file("photo.jpeg", photo, MAX)
    assert (checked.content_type, checked.extension, checked.width, checked.height) == ("image/jpeg", "jpg",
                                                                                        MAX_IMAGE_WIDTH, 50)
    with Image.open(io.BytesIO(checked.data)) as image:
        assert "exif" not in image.info


def test_an_image_with_transparency_stays_a_png_and_an_import_keeps_the_encoders_bytes():
    checked = check_file("logo.gif", image_bytes(mode="RGBA", fmt="PNG"), MAX)
    assert checked.content_type == "image/png"
    assert check_file("logo.png", checked.data, MAX, reencode_images=False).data == checked.data


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("schema.svg", b'<?xml version="1.0"?><svg onload="alert(1)"/>', "SVG"),
    ("image.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
    ("faux.png", b"\x89PNG\r\n\x1a\n" + b"pas une image", "illisible"),
    ("macro.docx", office_bytes(content_types="application/vnd.ms-word.document.macroEnabled.main+xml"), "pas accepté"),
    ("archive.zip", office_bytes(folder="autre/"), "pas accepté"),
    ("programme.exe", b"MZ\x90\x00" + bytes(100), "pas accepté"),
    ("texte.txt", "é".encode("latin-1") * 10, "pas accepté"),
    ("vide.pdf", b"", "vide"),
])
def test_what_is_not_a_safe_known_file_is_refused_with_the_reason(name, data, reason):
    with pytest.raises(RefusedFile, match=reason):
        check_file(name, data, MAX)


def test_a_file_over_the_limit_or_an_image_bomb_is_refused():
    with pytest.raises(RefusedFile, match="dépasse"):
        check_file("gros.pdf", b"%PDF-1.7\n" + bytes(MAX), MAX)
    with pytest.raises(RefusedFile, match="trop grande"):
        check_file("bombe.png", image_bytes((8000, 6000), mode="1"), MAX)


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("note.pdf", b"%PDF-1.7\n%%EOF", "application/pdf"),
    ("note.docx", office_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("tableau.xlsx", office_bytes("xl/"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("liste.csv", b"nom;valeur\ne-CPS;1\n", "text/csv"),
])
def test_documents_are_recognised_by_their_bytes(name, data, content_type):
    assert check_file(name, data, MAX).content_type == content_type
