//! Chinese characters as trainees type them: traditional characters folded to simplified ones,
//! and each common character's toneless pinyin syllable, so that a same-sounding input-method
//! slip (核时 for 核实) can be recognised. Both tables come from Unicode's Unihan database
//! (`.ci/hanzi-tables` writes them; they cover the 8,105 characters of the 通用规范汉字表).
//!
//! The tables are read into maps the first time they are asked for: only reply grading uses
//! them, so a program that never grades a reply never pays for them.

use std::collections::HashMap;
use std::sync::OnceLock;

const T2S: &str = include_str!("t2s.txt");
const PINYIN: &str = include_str!("pinyin.txt");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

fn t2s() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        data_lines(T2S)
            .filter_map(|l| {
                let mut c = l.chars();
                Some((c.next()?, c.next()?))
            })
            .collect()
    })
}

/// Syllable names in table order, and each common character's syllable number.
fn pinyin() -> &'static (Vec<&'static str>, HashMap<char, u16>) {
    static MAP: OnceLock<(Vec<&'static str>, HashMap<char, u16>)> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut names = Vec::new();
        let mut map = HashMap::new();
        for line in data_lines(PINYIN) {
            let Some((syllable, chars)) = line.split_once(' ') else {
                continue;
            };
            let n = names.len() as u16;
            names.push(syllable);
            map.extend(chars.chars().map(|c| (c, n)));
        }
        (names, map)
    })
}

/// The simplified form of a traditional character (`實` → `实`); any other character as it is.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    t2s().get(&c).copied().unwrap_or(c)
}

/// A common character's toneless syllable number (equal numbers sound the same), or `None`
/// for anything else.
pub fn syllable(c: char) -> Option<u16> {
    if (c as u32) < 0x3400 {
        return None;
    }
    pinyin().1.get(&c).copied()
}

/// The toneless pinyin of a common character (`实` → `shi`), for feedback and tests.
pub fn pinyin_of(c: char) -> Option<&'static str> {
    syllable(c).map(|n| pinyin().0[n as usize])
}

/// Whether a character is a CJK ideograph (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_fold_to_simplified() {
        let s: String = "核實金額，這個價錢裡面為什麼"
            .chars()
            .map(simplified)
            .collect();
        assert_eq!(s, "核实金额，这个价钱里面为什么");
        // Characters that are common simplified characters themselves stay (乾坤, 於姓).
        assert_eq!(simplified('乾'), '乾');
        assert_eq!(simplified('a'), 'a');
    }

    #[test]
    fn same_sounding_characters_share_a_syllable_whatever_the_tone() {
        assert_eq!(pinyin_of('实'), Some("shi"));
        assert_eq!(syllable('实'), syllable('时'));
        assert_eq!(syllable('核'), syllable('和'));
        assert_ne!(syllable('核'), syllable('实'));
        assert_eq!(pinyin_of('绿'), Some("lv"));
        assert_eq!(syllable('!'), None);
    }

    #[test]
    fn the_tables_cover_the_common_characters() {
        assert_eq!(pinyin().1.len(), 8105);
        assert!(t2s().len() > 2500);
    }

    #[test]
    fn every_character_of_the_course_has_a_reading() {
        let mut missing = std::collections::BTreeSet::new();
        let mut seen = std::collections::BTreeSet::new();
        for e in std::fs::read_dir("exams").unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                for c in std::fs::read_to_string(&p)
                    .unwrap()
                    .chars()
                    .filter(|&c| is_han(c))
                {
                    let c = simplified(c);
                    seen.insert(c);
                    if syllable(c).is_none() {
                        missing.insert(c);
                    }
                }
            }
        }
        assert!(seen.len() > 1000, "{} characters", seen.len());
        assert!(missing.is_empty(), "no reading for {missing:?}");
    }
}
