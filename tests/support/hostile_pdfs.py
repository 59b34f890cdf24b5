"""PDFs built by the hardening tests: plain text pages, and bombs that are small on disk and huge inside."""

import io
import zlib
from collections.abc import Iterable

import pikepdf

LETTER = (612, 792)


def _document(
    contents: Iterable[bytes | pikepdf.Stream], resources: pikepdf.Dictionary | None = None
) -> bytes:
    """A PDF with one Helvetica-set page per content stream."""
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        for content in contents:
            page_resources = resources if resources is not None else pikepdf.Dictionary()
            page_resources.Font = pikepdf.Dictionary(F1=font)
            stream = content if isinstance(content, pikepdf.Stream) else pikepdf.Stream(pdf, content)
            page = pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, *LETTER],
                Contents=pdf.make_indirect(stream),
                Resources=page_resources,
            )
            pdf.pages.append(pikepdf.Page(page))
        buffer = io.BytesIO()
        pdf.save(buffer, compress_streams=False)
    return buffer.getvalue()


def _literal(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})".encode("latin-1")


def text_pdf(*pages: list[str]) -> bytes:
    """One page per list of lines, each line drawn in 11 pt Helvetica, 16 pt apart."""
    contents = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 16 TL 56 740 Td"]
        ops += [_literal(line) + b" '" for line in lines]
        contents.append(b"\n".join([*ops, b"ET"]))
    return _document(contents)


def many_pages_pdf(pages: int) -> bytes:
    return text_pdf(
        *([f"Page {number} of a long report about the harbour."] for number in range(1, pages + 1))
    )


MB = 1024 * 1024


def repeated_deflate(block: bytes, count: int) -> bytes:
    """The zlib stream of `block` repeated `count` times, built without compressing it all.

    After a full flush the compressor starts afresh, so each further copy of `block` compresses to the
    same bytes: compress it twice and repeat the second result. Deflate's best ratio is about 1:1000.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(block, checksum)
    tail = compressor.flush(zlib.Z_FINISH) + checksum.to_bytes(4, "big")
    return b"\x78\xda" + first + again * (count - 1) + tail


def _flate_stream(pdf: pikepdf.Pdf, packed: bytes) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, packed)
    stream.Filter = pikepdf.Name.FlateDecode
    return stream


def _saved_as_is(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    # Kept as written: qpdf would otherwise inflate and recompress the bomb while saving it here.
    pdf.save(buffer, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    return buffer.getvalue()


def inflating_stream_pdf(inflated_mb: int) -> bytes:
    """A page whose content stream is about `inflated_mb` KB on disk and `inflated_mb` MB inflated."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=LETTER)
        packed = repeated_deflate(b" " * MB, inflated_mb)
        pdf.pages[0].Contents = pdf.make_indirect(_flate_stream(pdf, packed))
        return _saved_as_is(pdf)


def tiny_glyphs_pdf(glyphs: int) -> bytes:
    """One page drawing `glyphs` characters at 0.01 pt, compressed to a few KB."""
    run = b"(" + b"ship " * 2_000 + b") Tj\n"
    content = b"BT /F1 0.01 Tf 10 10 Td\n" + run * (glyphs // 10_000) + b"ET"
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        pdf.add_blank_page(page_size=LETTER)
        pdf.pages[0].Contents = pdf.make_indirect(_flate_stream(pdf, zlib.compress(content, 9)))
        pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        return _saved_as_is(pdf)


def nested_objects_pdf(depth: int) -> bytes:
    """Text on a page whose resources hold arrays nested `depth` deep, the page itself, and dictionaries
    that hold each other (qpdf drops structures nested deeper than 500)."""
    nested = b"[" * depth + b"]" * depth
    header = b"%PDF-1.7\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Loop 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /Properties << /Deep "
        + nested
        + b" /Page 3 0 R /Loop 6 0 R >> >> >>",
        None,  # the content stream, below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Self 6 0 R /Next 7 0 R >>",
        b"<< /Back 6 0 R /Kids [7 0 R 6 0 R] >>",
    ]
    content = b"BT /F1 12 Tf 72 700 Td (A page with a tangled object graph.) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return _raw_pdf(header, objects)


def _raw_pdf(header: bytes, objects: list[bytes | None]) -> bytes:
    body, offsets = bytearray(header), []
    for number, value in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + (value or b"null") + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(body)


def huge_image_pdf(side: int) -> bytes:
    """Text, and a grey RGB image of `side` x `side` pixels: a few MB on disk, gigabytes inflated."""
    with pikepdf.new() as pdf:
        image = _flate_stream(pdf, repeated_deflate(b"\x80" * MB, -(-side * side * 3 // MB)))
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = side, side, 8
        image.ColorSpace = pikepdf.Name.DeviceRGB
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        pdf.add_blank_page(page_size=LETTER)
        page = pdf.pages[0]
        page.Resources = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im1=image), Font=pikepdf.Dictionary(F1=font)
        )
        content = (
            b"q 300 0 0 300 100 300 cm /Im1 Do Q BT /F1 12 Tf 72 700 Td (A page with a huge picture.) Tj ET"
        )
        page.Contents = pdf.make_indirect(pikepdf.Stream(pdf, content))
        return _saved_as_is(pdf)
