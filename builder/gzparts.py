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
    """CRC-32 of A + B from CRC-32 of A, CRC-32 of B and the length of B: zlib's ``crc32_combine`` (1.2.12
    and later), which multiplies A's CRC by x^(8 * length2) modulo the CRC polynomial, that power made
    from a table of x^(2^n). Joining the 155 parts of the data downloads at 10,000 statements took
    0.30 s with the older algorithm (repeated squaring of 32×32 bit matrices), 0.01 s with this one."""
    return multiply(power_of_x(length2, 3), crc1) ^ crc2


POLYNOMIAL = 0xEDB88320  # CRC-32's, bits reflected: the highest bit is x^0


def multiply(a: int, b: int) -> int:
    """a × b modulo the CRC polynomial (reflected bit order; a nonzero)."""
    m, product = 1 << 31, 0
    while True:
        if a & m:
            product ^= b
            if not a & (m - 1):
                return product
        m >>= 1
        b = (b >> 1) ^ POLYNOMIAL if b & 1 else b >> 1


def powers_of_x() -> tuple[int, ...]:
    """x^(2^n) modulo the polynomial, for n = 0 … 31."""
    table, p = [], 1 << 30  # x^1
    for _ in range(32):
        table.append(p)
        p = multiply(p, p)
    return tuple(table)


X_TO_TWO_TO_THE = powers_of_x()


def power_of_x(n: int, k: int) -> int:
    """x^(n × 2^k) modulo the polynomial."""
    p = 1 << 31  # x^0
    while n:
        if n & 1:
            p = multiply(X_TO_TWO_TO_THE[k & 31], p)
        n >>= 1
        k += 1
    return p
