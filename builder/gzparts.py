"""Output helper: one gzip file made of parts compressed on their own (the technique of pigz).

Each part is raw DEFLATE from a fresh compressor, ended by a sync flush (an
empty stored block: byte-aligned, not the last block), with the CRC-32 and
length of its text. ``gzip_file`` joins them under one gzip header, adds the
final empty block and a trailer whose CRC-32 is the parts' CRCs combined
(``crc32_combine``, zlib's algorithm). The result is a single, ordinary gzip
member, which every gunzip reads, and a part compressed once can be reused
byte for byte in the next file: the data downloads keep one part per year of
statements, so an edit compresses one year again, not the whole archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Magic, deflate, no flags, mtime 0, no extra flags, OS unknown: the same bytes whatever the machine or day.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
LAST_BLOCK = b"\x03\x00"  # an empty final block (fixed Huffman): ends the DEFLATE stream


@dataclass(frozen=True, slots=True)
class Part:
    deflated: bytes  # raw DEFLATE, sync-flushed
    crc: int  # CRC-32 of the text
    length: int  # bytes of text


def compress(text: bytes, level: int) -> Part:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Part(compressor.compress(text) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(text), len(text))


def gzip_file(parts: Iterable[Part]) -> Iterator[bytes]:
    """The gzip file of the parts' texts, one after the other, as pieces of bytes."""
    yield HEADER
    crc, length = 0, 0
    for part in parts:
        yield part.deflated
        crc = crc32_combine(crc, part.crc, part.length)
        length += part.length
    yield LAST_BLOCK + crc.to_bytes(4, "little") + (length & 0xFFFFFFFF).to_bytes(4, "little")


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """CRC-32 of A + B from CRC-32 of A, CRC-32 of B and the length of B (zlib's ``crc32_combine``: the
    operator that appends ``length2`` zero bytes, made from the powers of the one-byte operator by
    repeated squaring over GF(2))."""
    operator = [0xEDB88320] + [1 << n for n in range(31)]  # appends one zero bit
    for _ in range(3):
        operator = square(operator)  # two, four, then eight zero bits: one zero byte
    while length2 > 0:
        if length2 & 1:
            crc1 = times(operator, crc1)
        length2 >>= 1
        if length2:
            operator = square(operator)
    return crc1 ^ crc2


def times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def square(matrix: list[int]) -> list[int]:
    return [times(matrix, row) for row in matrix]
