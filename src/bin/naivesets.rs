//! The naive-reader check's question sets: `cargo run --bin naivesets -- exams/ /work/naive/`
//!
//! Exports every single-choice and true/false question written in the course's banks (a
//! composite exam's imports are not repeated) without keys or explanations, options shuffled,
//! dealt into five sets that mix banks (`set1.md` … `set5.md`), and the answers in a separate
//! `keys.tsv` (set, number, question key, type, answer as shown). The same seed (third
//! argument, default 20) gives the same sets. A reader who has seen neither the seeds nor the
//! banks answers the sets with common sense only; the scores per bank go in `exams/REVIEW.md`.

use kefu_exam::engine::bank::library::{self, Files};
use kefu_exam::engine::question::{Kind, Question};
use kefu_exam::engine::text::rich::{blocks_text, inline_text};
use std::path::Path;
use std::process::ExitCode;

const SETS: usize = 5;
const LETTERS: [&str; 8] = ["A", "B", "C", "D", "E", "F", "G", "H"];

/// A small seeded generator (SplitMix64): the sets only need to be reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("用法: naivesets <题库目录> <输出目录> [种子]\n导出全部单选题和判断题（不含答案和解析，选项打乱），分成 5 套混合题库的题目，答案另存 keys.tsv。");
        return ExitCode::from(2);
    };
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let mut files = Files::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("读不了目录 {dir}");
        return ExitCode::from(2);
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "md") {
            let key = p.to_string_lossy().replace('\\', "/");
            files.insert(key, std::fs::read_to_string(&p).ok());
        }
    }
    let index = Path::new(dir)
        .join("index.md")
        .to_string_lossy()
        .replace('\\', "/");
    let lib = library::load(&index, &files);
    if let Some(d) = lib.errors().next() {
        eprintln!("{d}");
        return ExitCode::FAILURE;
    }
    // Questions as written in their own bank (sections that import are skipped).
    let mut pool: Vec<&Question> = lib
        .banks
        .values()
        .flat_map(|b| b.sections.iter().filter(|s| s.import.is_none()))
        .flat_map(|s| s.questions.iter())
        .filter(|q| match &q.kind {
            Kind::Choice(c) => !c.multiple,
            Kind::TrueFalse(_) => true,
            _ => false,
        })
        .collect();
    let mut rng = Rng(seed);
    rng.shuffle(&mut pool);
    let mut sets: Vec<String> = (1..=SETS)
        .map(|n| {
            format!("# 第 {n} 套\n\n请只凭常识作答：单选题写一个字母，判断题写“对”或“错”。不要查资料。\n\n")
        })
        .collect();
    let mut counts = [0usize; SETS];
    let mut keys = String::from("set\tno\tquestion\ttype\tanswer\n");
    for (i, q) in pool.iter().enumerate() {
        let s = i % SETS;
        counts[s] += 1;
        let no = counts[s];
        let mut stem = inline_text(&q.title).trim().to_string();
        let rest = blocks_text(&q.stem);
        if !rest.trim().is_empty() {
            stem.push_str("\n\n");
            stem.push_str(rest.trim());
        }
        let text = &mut sets[s];
        let (ty, answer) = match &q.kind {
            Kind::Choice(c) => {
                let mut order: Vec<usize> = (0..c.options.len()).collect();
                rng.shuffle(&mut order);
                text.push_str(&format!("## {no}.（单选）{stem}\n\n"));
                let mut answer = "";
                for (shown, &o) in order.iter().enumerate() {
                    let opt = blocks_text(&c.options[o].content);
                    text.push_str(&format!("- {}. {}\n", LETTERS[shown], opt.trim()));
                    if c.options[o].correct {
                        answer = LETTERS[shown];
                    }
                }
                text.push_str("\n答：\n\n");
                ("single", answer.to_string())
            }
            Kind::TrueFalse(t) => {
                text.push_str(&format!("## {no}.（判断）{stem}\n\n答（对/错）：\n\n"));
                ("tf", if t.answer { "对" } else { "错" }.to_string())
            }
            _ => unreachable!(),
        };
        keys.push_str(&format!("{}\t{no}\t{}\t{ty}\t{answer}\n", s + 1, q.key()));
    }
    let out = Path::new(out);
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(2);
    }
    for (n, text) in sets.iter().enumerate() {
        let p = out.join(format!("set{}.md", n + 1));
        if let Err(e) = std::fs::write(&p, text) {
            eprintln!("{}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    if let Err(e) = std::fs::write(out.join("keys.tsv"), keys) {
        eprintln!("keys.tsv: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{} 道题（单选和判断）分成 {SETS} 套：{}；答案在 {}",
        pool.len(),
        counts.map(|c| c.to_string()).join("、"),
        out.join("keys.tsv").display()
    );
    ExitCode::SUCCESS
}
