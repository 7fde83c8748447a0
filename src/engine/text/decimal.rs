//! Decimal numbers without core's float code (the first screen's wasm). `fixed`
//! prints exactly what `format!("{:.N}")` prints, by integer arithmetic on the float's bits;
//! `parse` reads what `str::parse::<f64>` reads, exactly, on the domain where one IEEE
//! multiply or divide is correctly rounded (Clinger's fast path: at most 2^53 as the integer of
//! the digits and a power of ten within ±22), and says so rather than guess outside it. Core's
//! formatting (Grisu/Dragon, ~8 KB) and parsing (Eisel-Lemire, ~4 KB plus tables) then stay out
//! of the first screen.

/// Why a text is not read as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumError {
    /// Not a number at all (`str::parse::<f64>` refuses it too).
    NotNumber,
    /// A number, but with more significant digits (or a larger or smaller power of ten) than
    /// this reader converts exactly: no exam figure needs that many.
    TooLong,
}

/// The largest integer below which every integer is a float (2^53).
const EXACT: u64 = 1 << 53;
/// `10^22` is the largest power of ten that is a float.
const MAX_POW: i64 = 22;

/// What a bank's checker says about a number it cannot read exactly (file:line comes from the
/// caller's reporter).
pub fn too_long_message(text: &str) -> String {
    format!("数字“{text}”位数太多，无法精确读取：请最多写 15 位有效数字（小数点后最多 22 位）")
}

/// Reads a number as `str::parse::<f64>` does: an optional sign, then `inf`, `infinity` or
/// `nan` (any case), or digits with an optional `.` and an optional exponent (`1e3`, `2.5E-2`);
/// no spaces. The result equals `str::parse` whenever it is `Ok`.
pub fn parse(text: &str) -> Result<f64, NumError> {
    let b = text.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        unsigned(rest)?
    };
    Ok(if negative { -v } else { v })
}

/// `digits[.digits][e[sign]digits]` → the float, or why not.
fn unsigned(b: &[u8]) -> Result<f64, NumError> {
    // The value is w · 10^(zeros + pow): w holds the digits up to the last non-zero one, zeros
    // the zeros after it (held back so `2.50000` or `1000` do not count as long).
    let (mut w, mut zeros, mut pow) = (0u64, 0u32, 0i64);
    let (mut any_digit, mut dot, mut long) = (false, false, false);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                if dot {
                    pow -= 1;
                }
                if c == b'0' {
                    zeros += 1;
                } else {
                    match 10u64
                        .checked_pow(zeros + 1)
                        .and_then(|p| w.checked_mul(p))
                        .map(|x| x + u64::from(c - b'0'))
                    {
                        Some(x) if x <= EXACT => w = x,
                        _ => long = true,
                    }
                    zeros = 0;
                }
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return Err(NumError::NotNumber);
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let start = i;
        let mut e = 0i64;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            // Saturates: any exponent this large is outside the exact range anyway.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(NumError::NotNumber);
        }
        pow += if negative { -e } else { e };
    }
    if i != b.len() {
        return Err(NumError::NotNumber);
    }
    if w == 0 && !long {
        return Ok(0.0);
    }
    pow += i64::from(zeros);
    // `1e30` is 10^8 · 10^22: move powers into w while it stays exact.
    while pow > MAX_POW && !long {
        match w.checked_mul(10) {
            Some(x) if x <= EXACT => {
                w = x;
                pow -= 1;
            }
            _ => long = true,
        }
    }
    if long || pow < -MAX_POW {
        return Err(NumError::TooLong);
    }
    // Every power of ten up to 10^22 is exact, and so is each step of this product.
    let mut p = 1.0;
    for _ in 0..pow.unsigned_abs() {
        p *= 10.0;
    }
    let w = w as f64;
    Ok(if pow < 0 { w / p } else { w * p })
}

/// `x` with `places` (at most 4) decimals, exactly as `format!("{x:.places$}")` writes it:
/// the float's exact binary value rounded half to even, `-` for any negative (`-0.0`, `-0.00001`),
/// `NaN`, `inf`, `-inf`.
pub fn fixed(x: f64, places: u32) -> String {
    debug_assert!(places <= 4);
    if x.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    // x = m · 2^e exactly.
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    let scale = 10u64.pow(places);
    let (whole, part) = if e >= 0 {
        (m, 0)
    } else {
        // q = m · 10^places / 2^s rounded half to even; below 2^67, so u128 holds it.
        let s = e.unsigned_abs();
        let n = u128::from(m) * u128::from(scale);
        let q = if s >= 128 {
            0
        } else {
            let q = n >> s;
            let rem = n - (q << s);
            let half = 1u128 << (s - 1);
            q + u128::from(rem > half || (rem == half && q & 1 == 1))
        };
        let whole = if s >= 64 { 0 } else { m >> s };
        // q lies between whole · scale and (whole + 1) · scale.
        let part = (q - u128::from(whole) * u128::from(scale)) as u64;
        if part == scale {
            (whole + 1, 0)
        } else {
            (whole, part)
        }
    };
    // The integer part as decimal digits, least significant first, doubled e times when x is
    // an integer of 2^53 or more (up to 309 digits).
    let mut digits = Vec::new();
    let mut n = whole;
    loop {
        digits.push((n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in 0..e.max(0) {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    out.extend(digits.iter().rev().map(|&d| char::from(b'0' + d)));
    if places > 0 {
        out.push('.');
        let mut unit = scale;
        while unit > 1 {
            unit /= 10;
            out.push(char::from(b'0' + (part / unit % 10) as u8));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixed_writes_what_a_trainee_sees() {
        assert_eq!(fixed(80.0, 4), "80.0000");
        assert_eq!(fixed(87.5, 4), "87.5000");
        assert_eq!(fixed(200.0 / 3.0, 4), "66.6667");
        assert_eq!(fixed(0.1 + 0.2, 4), "0.3000");
        assert_eq!(fixed(92.45, 1), "92.5"); // 92.4500000000000028…
        assert_eq!(fixed(0.125, 2), "0.12"); // an exact tie: half to even
        assert_eq!(fixed(0.375, 2), "0.38");
        assert_eq!(fixed(0.5, 0), "0");
        assert_eq!(fixed(1.5, 0), "2");
        assert_eq!(fixed(9.99996, 4), "10.0000");
        assert_eq!(fixed(-0.0, 4), "-0.0000");
        assert_eq!(fixed(-0.00001, 4), "-0.0000");
        assert_eq!(fixed(1e20, 0), "100000000000000000000");
        assert_eq!(fixed(f64::NAN, 4), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 1), "-inf");
    }

    #[test]
    fn parse_reads_bank_numbers_exactly() {
        assert_eq!(parse("80"), Ok(80.0));
        assert_eq!(parse("12.5"), Ok(12.5));
        assert_eq!(parse("0.1"), Ok(0.1));
        assert_eq!(parse(".5"), Ok(0.5));
        assert_eq!(parse("5."), Ok(5.0));
        assert_eq!(parse("+2"), Ok(2.0));
        assert_eq!(parse("1e3"), Ok(1000.0));
        assert_eq!(parse("2.5E-2"), Ok(0.025));
        assert_eq!(parse("600.000000000000000000000000"), Ok(600.0));
        assert_eq!(parse("0.000000000000000000000001"), Err(NumError::TooLong));
        assert_eq!(parse("1e30"), Ok(1e30));
        assert_eq!(parse("9007199254740992"), Ok(9007199254740992.0));
        // 2^53 + 1 is not a float: reading it would round, so it is refused.
        assert_eq!(parse("9007199254740993"), Err(NumError::TooLong));
        assert_eq!(parse("0.30000000000000004"), Err(NumError::TooLong));
        assert!(parse("-0").unwrap().is_sign_negative());
        assert_eq!(parse("0e999999999999"), Ok(0.0));
        assert_eq!(parse("-Infinity"), Ok(f64::NEG_INFINITY));
        assert!(parse("NaN").unwrap().is_nan());
        for bad in [
            "", "-", ".", "e3", "1e", "1e+", "1.2.3", " 1", "1 ", "1,000", "0x10", "80%",
        ] {
            assert_eq!(parse(bad), Err(NumError::NotNumber), "{bad:?}");
        }
    }

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    /// Texts shaped like numbers (and some that only nearly are).
    fn number_text() -> impl Strategy<Value = String> {
        (
            "[-+]?",
            "[0-9]{0,18}",
            proptest::option::of("[0-9]{0,18}"),
            proptest::option::of("[eE][-+]?[0-9]{0,3}"),
        )
            .prop_map(|(s, a, b, e)| {
                let mut t = s + &a;
                if let Some(b) = b {
                    t = t + "." + &b;
                }
                t + &e.unwrap_or_default()
            })
    }

    /// Whatever `parse` reads, core reads the same float; what it calls no number, core
    /// refuses too; what it calls too long, core reads (to a rounded value).
    fn agrees_with_core(t: &str) -> Result<(), TestCaseError> {
        let core = t.parse::<f64>();
        match parse(t) {
            Ok(v) => prop_assert!(
                core.as_ref().is_ok_and(|&c| same(c, v)),
                "{t}: {core:?} vs {v}"
            ),
            Err(NumError::NotNumber) => prop_assert!(core.is_err(), "{t}"),
            Err(NumError::TooLong) => prop_assert!(core.is_ok(), "{t}"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        /// Byte for byte what core's formatting writes, over every float.
        #[test]
        fn fixed_equals_core_formatting(bits in any::<u64>(), places in 0u32..=4) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fixed(x, places), format!("{x:.p$}", p = places as usize));
        }

        /// And over the values the app shows: scores, percents, minutes, typing speeds.
        #[test]
        fn fixed_equals_core_on_scores(a in 0u32..20_000, b in 1u32..2_000, places in 0u32..=4) {
            for x in [
                f64::from(a) / f64::from(b),
                f64::from(a) / f64::from(b) * 100.0,
                f64::from(a) / 4.0,
                f64::from(a) / 60.0,
                f64::from(a) * 0.1,
                // dyadic fractions: exact ties (0.125 to two places) are among them
                f64::from(a) / f64::from(1u32 << (b % 24)),
            ] {
                prop_assert_eq!(fixed(x, places), format!("{x:.p$}", p = places as usize));
            }
        }

        /// Whatever it reads, core reads the same float; what it calls no number, core
        /// refuses too; what it calls too long, core reads (to a rounded value).
        #[test]
        fn parse_agrees_with_core(t in number_text()) {
            agrees_with_core(&t)?;
        }

        #[test]
        fn parse_refuses_what_core_refuses(t in "[-+0-9.eEinfatyINFATY ]{0,8}") {
            agrees_with_core(&t)?;
        }

        /// Any exam figure (15 significant digits, up to 22 decimals) is read, never refused.
        #[test]
        fn parse_reads_every_exam_figure(int in 0u64..1_000_000_000, frac in "[0-9]{0,6}", neg in any::<bool>()) {
            let t = format!("{}{int}.{frac}", if neg { "-" } else { "" });
            prop_assert!(parse(&t).is_ok(), "{t}");
            prop_assert!(same(parse(&t).unwrap(), t.parse::<f64>().unwrap()));
        }
    }
}
