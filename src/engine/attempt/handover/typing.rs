//! A typing test's part of the payload: the test's settings, times and figures, and the typed
//! text as a difference against the text set (runs copied from it and the characters typed
//! otherwise), so a test typed well costs a few bytes whatever its length.
//!
//! ```text
//! typing: bits · passage ids · text: [check (4 bytes)] or [the text] · [duration] · targets
//!         · [min accuracy] · [began], [ended] · end · corrections · paste refusals
//!         · typed: runs (copied length, passage characters passed over, characters typed)
//!         · [result: counts, typed characters, elapsed, net, gross, accuracy, corrections,
//!           targets met, accuracy ok]
//! ```
//!
//! The text set is named by its passages when the trainee's copy of the bank still gives it
//! (the desk rebuilds it from its own copy and checks it against the 4 bytes); otherwise it is
//! written out.

use super::wire::{check32, ReadError, Reader, Writer};
use crate::engine::typing::bank::TypingBank;
use crate::engine::typing::typing::{
    align, Counts, Mark, Target, TargetMet, TypingEnd, TypingRecord, TypingResult,
};

const DURATION: u8 = 1;
const MIN_ACCURACY: u8 = 2;
const BEGAN: u8 = 4;
const ENDED: u8 = 8;
const RESULT: u8 = 16;
const TEXT_WRITTEN: u8 = 32;

/// Why the typing part could not be read.
pub enum TypingError {
    Read(ReadError),
    /// The desk's bank at this path does not give the text the attempt was set.
    Text,
}

impl From<ReadError> for TypingError {
    fn from(e: ReadError) -> TypingError {
        TypingError::Read(e)
    }
}

/// The text the bank gives for these passage ids, if it has them all.
fn text_of(bank: &TypingBank, ids: &[String]) -> Option<String> {
    let plan = ids
        .iter()
        .map(|id| bank.passages.iter().position(|p| p.id == *id))
        .collect::<Option<Vec<usize>>>()?;
    Some(bank.text_for(&plan))
}

/// One run of the typed text: `copy` characters of the text from where the last run stopped,
/// then `pass` characters of the text passed over (skipped, or typed as something else), then
/// `typed` as typed.
#[derive(Debug, Default, PartialEq)]
struct Run {
    copy: usize,
    pass: usize,
    typed: String,
}

/// The typed text as runs against `text`, from the scoring's own alignment.
fn runs(text: &str, typed: &str) -> Vec<Run> {
    let mut out = vec![Run::default()];
    for c in align(text, typed).cells {
        let run = out.last_mut().expect("one run at least");
        match (c.mark, c.expected, c.typed) {
            (Mark::Correct, Some(e), Some(t)) if e == t => {
                if run.pass > 0 || !run.typed.is_empty() {
                    out.push(Run {
                        copy: 1,
                        ..Run::default()
                    });
                } else {
                    run.copy += 1;
                }
            }
            (Mark::Missed, _, _) => run.pass += 1,
            (_, e, t) => {
                run.pass += usize::from(e.is_some());
                run.typed.extend(t);
            }
        }
    }
    out
}

fn apply(text: &[char], runs: &[Run]) -> Option<String> {
    let mut at = 0usize;
    let mut out = String::new();
    for r in runs {
        let end = at.checked_add(r.copy)?;
        out.extend(text.get(at..end)?);
        at = end.checked_add(r.pass)?;
        if at > text.len() {
            return None;
        }
        out.push_str(&r.typed);
    }
    Some(out)
}

fn opt_time(w: &mut Writer, t: Option<i64>, t0: i64) {
    if let Some(t) = t {
        w.int(t.wrapping_sub(t0));
    }
}

/// Writes the typing part; `bank`: the trainee's copy of the typing bank at the attempt's path.
pub fn write(w: &mut Writer, t: &TypingRecord, bank: Option<&TypingBank>, t0: i64) {
    let named = bank.and_then(|b| text_of(b, &t.passages)).as_ref() == Some(&t.text);
    let mut bits = 0;
    for (on, bit) in [
        (t.duration_s.is_some(), DURATION),
        (t.min_accuracy.is_some(), MIN_ACCURACY),
        (t.began_at.is_some(), BEGAN),
        (t.ended_at.is_some(), ENDED),
        (t.result.is_some(), RESULT),
        (!named, TEXT_WRITTEN),
    ] {
        if on {
            bits |= bit;
        }
    }
    w.byte(bits);
    w.uint(t.passages.len() as u64);
    for p in &t.passages {
        w.str(p);
    }
    if named {
        w.buf.extend_from_slice(&check32(t.text.as_bytes()));
    } else {
        w.str(&t.text);
    }
    if let Some(d) = t.duration_s {
        w.uint(u64::from(d));
    }
    w.uint(t.targets.len() as u64);
    for x in &t.targets {
        w.uint(u64::from(x.cpm));
        w.str(&x.label);
    }
    if let Some(m) = t.min_accuracy {
        w.num(m);
    }
    opt_time(w, t.began_at, t0);
    opt_time(w, t.ended_at, t0);
    w.byte(match t.end {
        None => 0,
        Some(TypingEnd::TimeUp) => 1,
        Some(TypingEnd::EndOfText) => 2,
        Some(TypingEnd::Stopped) => 3,
    });
    w.uint(u64::from(t.corrections));
    w.uint(u64::from(t.paste_refused));
    // The runs, checked against the text as the desk rebuilds them; should the alignment ever
    // give runs that do not, the typed text goes as one literal run.
    let chars: Vec<char> = t.text.chars().collect();
    let mut rs = runs(&t.text, &t.typed);
    if apply(&chars, &rs).as_deref() != Some(t.typed.as_str()) {
        rs = vec![Run {
            typed: t.typed.clone(),
            ..Run::default()
        }];
    }
    w.uint(rs.len() as u64);
    for r in &rs {
        w.uint(r.copy as u64);
        w.uint(r.pass as u64);
        w.str(&r.typed);
    }
    if let Some(r) = &t.result {
        result(w, r, &t.targets);
    }
}

fn result(w: &mut Writer, r: &TypingResult, targets: &[Target]) {
    let c = r.counts;
    for n in [c.correct, c.wrong, c.missed, c.extra, r.typed_chars] {
        w.uint(u64::from(n));
    }
    w.int(r.elapsed_ms);
    w.num(r.net_cpm);
    w.num(r.gross_cpm);
    w.num(r.accuracy);
    w.uint(u64::from(r.corrections));
    // The targets met, as almost always the test's own targets: then only whether each was met.
    let same = r.targets.len() == targets.len()
        && r.targets
            .iter()
            .zip(targets)
            .all(|(m, t)| m.cpm == t.cpm && m.label == t.label);
    w.uint(r.targets.len() as u64 * 2 + u64::from(same));
    for m in &r.targets {
        if !same {
            w.uint(u64::from(m.cpm));
            w.str(&m.label);
        }
        w.byte(u8::from(m.met));
    }
    w.byte(match r.accuracy_ok {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
}

fn u32_of(v: u64) -> Result<u32, ReadError> {
    u32::try_from(v).map_err(|_| "数字过大")
}

fn flag(r: &mut Reader) -> Result<bool, ReadError> {
    match r.byte()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err("标记不对"),
    }
}

/// Reads the typing part; `bank`: the desk's typing bank at the attempt's path.
pub fn read(
    r: &mut Reader,
    bank: Option<&TypingBank>,
    t0: i64,
) -> Result<TypingRecord, TypingError> {
    let bits = r.byte()?;
    if bits >= 64 {
        return Err(TypingError::Read("打字测试的标记不对"));
    }
    let n = r.count()?;
    let passages = (0..n).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
    let text = if bits & TEXT_WRITTEN != 0 {
        r.str()?
    } else {
        let check = r.take(4)?;
        match bank.and_then(|b| text_of(b, &passages)) {
            Some(text) if check32(text.as_bytes()) == check => text,
            _ => return Err(TypingError::Text),
        }
    };
    let duration_s = if bits & DURATION != 0 {
        Some(u32_of(r.uint()?)?)
    } else {
        None
    };
    let n = r.count()?;
    let mut targets = Vec::with_capacity(n);
    for _ in 0..n {
        targets.push(Target {
            cpm: u32_of(r.uint()?)?,
            label: r.str()?,
        });
    }
    let min_accuracy = if bits & MIN_ACCURACY != 0 {
        Some(r.num()?)
    } else {
        None
    };
    let mut time = |on: u8| -> Result<Option<i64>, ReadError> {
        Ok(if bits & on != 0 {
            Some(t0.wrapping_add(r.int()?))
        } else {
            None
        })
    };
    let began_at = time(BEGAN)?;
    let ended_at = time(ENDED)?;
    let end = match r.byte()? {
        0 => None,
        1 => Some(TypingEnd::TimeUp),
        2 => Some(TypingEnd::EndOfText),
        3 => Some(TypingEnd::Stopped),
        _ => return Err(TypingError::Read("打字测试的结束方式不对")),
    };
    let corrections = u32_of(r.uint()?)?;
    let paste_refused = u32_of(r.uint()?)?;
    let n = r.count()?;
    let mut rs = Vec::with_capacity(n);
    for _ in 0..n {
        rs.push(Run {
            copy: r.index()?,
            pass: r.index()?,
            typed: r.str()?,
        });
    }
    let chars: Vec<char> = text.chars().collect();
    let typed = apply(&chars, &rs).ok_or("打字内容与文章对不上")?;
    let result = if bits & RESULT != 0 {
        Some(read_result(r, &targets)?)
    } else {
        None
    };
    Ok(TypingRecord {
        passages,
        text,
        duration_s,
        targets,
        min_accuracy,
        typed,
        began_at,
        ended_at,
        end,
        corrections,
        paste_refused,
        result,
    })
}

fn read_result(r: &mut Reader, targets: &[Target]) -> Result<TypingResult, ReadError> {
    let mut n = [0u32; 5];
    for x in &mut n {
        *x = u32_of(r.uint()?)?;
    }
    let [correct, wrong, missed, extra, typed_chars] = n;
    let elapsed_ms = r.int()?;
    let net_cpm = r.num()?;
    let gross_cpm = r.num()?;
    let accuracy = r.num()?;
    let corrections = u32_of(r.uint()?)?;
    let head = r.uint()?;
    let (len, same) = ((head / 2) as usize, head % 2 == 1);
    if head / 2 > r.left() as u64 {
        return Err("数量超出数据长度");
    }
    if same && len != targets.len() {
        return Err("速度目标的数目不对");
    }
    let mut met = Vec::with_capacity(len);
    let mut own = targets.iter().filter(|_| same);
    for _ in 0..len {
        let (cpm, label) = match own.next() {
            Some(t) => (t.cpm, t.label.clone()),
            None => (u32_of(r.uint()?)?, r.str()?),
        };
        met.push(TargetMet {
            cpm,
            label,
            met: flag(r)?,
        });
    }
    let accuracy_ok = match r.byte()? {
        0 => None,
        1 => Some(false),
        2 => Some(true),
        _ => return Err("准确率标记不对"),
    };
    Ok(TypingResult {
        counts: Counts {
            correct,
            wrong,
            missed,
            extra,
        },
        typed_chars,
        elapsed_ms,
        net_cpm,
        gross_cpm,
        accuracy,
        corrections,
        targets: met,
        accuracy_ok,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_runs_against_the_text() {
        let text: Vec<char> = "亲，快到截单时间了".chars().collect();
        // 到 typed as 道, 截 skipped, 了 doubled (the alignment counts the first as extra).
        let rs = runs("亲，快到截单时间了", "亲，快道单时间了了");
        let run = |copy, pass, typed: &str| Run {
            copy,
            pass,
            typed: typed.into(),
        };
        assert_eq!(rs, vec![run(3, 2, "道"), run(3, 0, "了"), run(1, 0, "")]);
        assert_eq!(apply(&text, &rs).unwrap(), "亲，快道单时间了了");
        // A half-width comma counts as right but is not the text's character: typed as is.
        let rs = runs("亲，在的", "亲,在的");
        assert_eq!(apply(&text[..0], &rs), None);
        let t: Vec<char> = "亲，在的".chars().collect();
        assert_eq!(apply(&t, &rs).unwrap(), "亲,在的");
        // Runs past the text's end are refused, never a panic.
        let bad = [Run {
            copy: 99,
            ..Run::default()
        }];
        assert_eq!(apply(&t, &bad), None);
    }
}
