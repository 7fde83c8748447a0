//! The hand-over's byte and text primitives: LEB128 varints, zigzag integers, exact numbers,
//! length-prefixed strings, a 32-bit check from the pinned FNV-1a, and the two text alphabets
//! (base45 for QR codes, base64url for chat). The reader never panics: every read is checked
//! against the bytes left, and a count is refused when the bytes left could not hold it.

use crate::engine::text::hash::fnv1a;

/// The first 4 bytes of FNV-1a 64 over `bytes` (pinned in `text::hash`).
pub fn check32(bytes: &[u8]) -> [u8; 4] {
    let h = fnv1a(bytes).to_le_bytes();
    [h[0], h[1], h[2], h[3]]
}

#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    pub fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    /// A number exactly: a whole number (points, most scores) or hundredths (every score,
    /// percent and point value the engine writes is rounded to cents) as a varint, anything
    /// else as its 8 raw bytes. Compared as the reader computes it, bit for bit (-0.0 and NaN
    /// go raw).
    pub fn num(&mut self, x: f64) {
        let zz = |c: i64| ((c << 1) ^ (c >> 63)) as u64;
        let whole = x.round();
        let cents = (x * 100.0).round();
        if whole.abs() < (1u64 << 50) as f64 && ((whole as i64) as f64).to_bits() == x.to_bits() {
            self.uint(zz(whole as i64) << 2);
        } else if cents.abs() < (1u64 << 50) as f64
            && ((cents as i64) as f64 / 100.0).to_bits() == x.to_bits()
        {
            self.uint(zz(cents as i64) << 2 | 1);
        } else {
            self.uint(2);
            self.buf.extend_from_slice(&x.to_bits().to_le_bytes());
        }
    }

    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A bank's or question's hash: 16 lowercase hex digits as 8 bytes, else the text.
    pub fn hash(&mut self, h: &str) {
        let hex = h.len() == 16 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        match u64::from_str_radix(h, 16) {
            Ok(v) if hex => {
                self.byte(0);
                self.buf.extend_from_slice(&v.to_le_bytes());
            }
            _ => {
                self.byte(1);
                self.str(h);
            }
        }
    }
}

/// What went wrong reading bytes; the payload reader turns it into words.
pub type ReadError = &'static str;

pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    pub fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn byte(&mut self) -> Result<u8, ReadError> {
        let b = *self.bytes.get(self.pos).ok_or("数据提前结束")?;
        self.pos += 1;
        Ok(b)
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ReadError> {
        if n > self.left() {
            return Err("数据提前结束");
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn uint(&mut self) -> Result<u64, ReadError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("数字过长")
    }

    pub fn int(&mut self) -> Result<i64, ReadError> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A count of items that take at least one byte each.
    pub fn count(&mut self) -> Result<usize, ReadError> {
        let n = self.uint()?;
        if n > self.left() as u64 {
            return Err("数量超出数据长度");
        }
        Ok(n as usize)
    }

    /// A small index (below 2^32).
    pub fn index(&mut self) -> Result<usize, ReadError> {
        let n = self.uint()?;
        u32::try_from(n).map(|n| n as usize).map_err(|_| "序号过大")
    }

    pub fn num(&mut self) -> Result<f64, ReadError> {
        let v = self.uint()?;
        let unzz = |z: u64| ((z >> 1) as i64) ^ -((z & 1) as i64);
        match v & 3 {
            0 => Ok(unzz(v >> 2) as f64),
            1 => Ok(unzz(v >> 2) as f64 / 100.0),
            _ if v == 2 => {
                let b = self.take(8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                Ok(f64::from_bits(u64::from_le_bytes(a)))
            }
            _ => Err("数字格式不对"),
        }
    }

    pub fn str(&mut self) -> Result<String, ReadError> {
        let n = self.count()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| "文字不是 UTF-8")
    }

    pub fn hash(&mut self) -> Result<String, ReadError> {
        match self.byte()? {
            0 => {
                let b = self.take(8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                Ok(crate::engine::text::hash::hex(u64::from_le_bytes(a)))
            }
            1 => self.str(),
            _ => Err("哈希格式不对"),
        }
    }
}

/// RFC 9285's alphabet: the 45 characters of a QR code's alphanumeric mode.
const B45: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Base45 (RFC 9285): two bytes in three characters, a last odd byte in two.
pub fn base45(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() / 2 * 3 + 2);
    for pair in bytes.chunks(2) {
        let (mut n, digits) = match pair {
            [a, b] => (usize::from(*a) * 256 + usize::from(*b), 3),
            [a] => (usize::from(*a), 2),
            _ => unreachable!(),
        };
        for _ in 0..digits {
            out.push(char::from(B45[n % 45]));
            n /= 45;
        }
    }
    out
}

pub fn unbase45(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<usize> = text
        .bytes()
        .map(|c| B45.iter().position(|&d| d == c))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(digits.len() / 3 * 2 + 1);
    for group in digits.chunks(3) {
        match group {
            [c, d, e] => {
                let n = c + d * 45 + e * 45 * 45;
                if n > 0xffff {
                    return None;
                }
                out.push((n >> 8) as u8);
                out.push(n as u8);
            }
            [c, d] => {
                let n = c + d * 45;
                if n > 0xff {
                    return None;
                }
                out.push(n as u8);
            }
            _ => return None,
        }
    }
    Some(out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): letters, digits, `-` and `_`, safe in a chat
/// message and in a URL.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for g in bytes.chunks(3) {
        let n = g
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=g.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

pub fn is_base64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// `None` for a character outside the alphabet or a length no encoding gives (4k + 1).
pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for g in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in g.iter().enumerate() {
            let v = B64.iter().position(|&d| d == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..g.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base45_matches_rfc_9285_examples() {
        assert_eq!(base45(b"AB"), "BB8");
        assert_eq!(base45(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(base45(b"base-45"), "UJCLQE7W581");
        assert_eq!(unbase45("QED8WEX0").unwrap(), b"ietf!");
        assert_eq!(unbase45("GGW"), None); // 65535 < 45^3-1: out of range
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(unbase64url(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(unbase64url("Zm9vY"), None);
    }

    #[test]
    fn numbers_are_exact() {
        for x in [
            0.0,
            -0.0,
            1.0,
            2.5,
            66.67,
            0.1,
            1.0 / 3.0,
            -7.25,
            1e300,
            f64::NAN,
            60.0,
        ] {
            let mut w = Writer::default();
            w.num(x);
            let y = Reader::new(&w.buf).num().unwrap();
            assert_eq!(x.to_bits(), y.to_bits(), "{x}");
        }
        let mut w = Writer::default();
        w.num(66.67);
        assert_eq!(w.buf.len(), 3);
        let mut w = Writer::default();
        w.num(2.0);
        assert_eq!(w.buf.len(), 1);
    }

    proptest! {
        #[test]
        fn texts_and_integers_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..80), v in any::<i64>(), u in any::<u64>()) {
            prop_assert_eq!(unbase45(&base45(&bytes)).unwrap(), bytes.clone());
            prop_assert_eq!(unbase64url(&base64url(&bytes)).unwrap(), bytes);
            let mut w = Writer::default();
            w.int(v);
            w.uint(u);
            let mut r = Reader::new(&w.buf);
            prop_assert_eq!(r.int().unwrap(), v);
            prop_assert_eq!(r.uint().unwrap(), u);
        }
    }
}
