//! When a trainer's score for a reply differs from the grader's, the rubric change that would
//! make them agree, written as Markdown to copy into the bank (issue 21): a phrasing to add to
//! a concept or key point when the grader was too strict, a wrong action when it was too
//! lenient, and always the reply as a `示例：` line, so the checker keeps the case as a test.

use crate::engine::grading::examples::fraction_text;
use crate::engine::question::reply::{concept_ref, Reply};
use crate::engine::question::rubric::{Text, Use};
use crate::engine::question::ReplyRules;

/// One piece of advice: what to do, and the Markdown line to copy (if any).
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub text: String,
    pub markdown: Option<String>,
}

/// Advice for a reply the trainer scored `trainer` (a fraction of the points); empty when the
/// grader already agrees to within a hundredth.
pub fn advise(reply: &Reply, rules: &ReplyRules<'_>, text: &str, trainer: f64) -> Vec<Advice> {
    let graded = reply.grade(text, rules);
    if (graded.fraction - trainer).abs() < 0.01 {
        return Vec::new();
    }
    let t = Text::new(text);
    let mut out = Vec::new();
    let mut found_spans = Vec::new();
    let mut missing = Vec::new();
    for variants in &reply.keypoints {
        let wordings = Reply::wordings(variants, rules.concepts);
        match wordings.iter().find_map(|v| t.find(v, false, Use::Point)) {
            Some(f) => found_spans.push((f.start, f.end)),
            None => missing.push(variants),
        }
    }
    if trainer > graded.fraction {
        if graded.fraction <= 0.0
            && !graded.feedback.is_empty()
            && missing.len() < reply.keypoints.len()
        {
            out.push(Advice {
                text: format!(
                    "自动评分记了 0 分：{}。如果你认为这里没有违规，检查这条红线或错误做法的写法（可以给红线词加“除外”，或把做法写得更具体）。",
                    graded.feedback.last().map_or("", String::as_str)
                ),
                markdown: None,
            });
        }
        let unmatched: Vec<String> = t
            .clauses()
            .into_iter()
            .filter(|(a, b)| !found_spans.iter().any(|(s, e)| s < b && a < e))
            .map(|(a, b)| t.slice(a, b))
            .filter(|c| c.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
            .collect();
        for variants in missing {
            let name = Reply::name(variants);
            // The longest clause that earned nothing is the likeliest paraphrase.
            let said = unmatched
                .iter()
                .max_by_key(|c| c.chars().count())
                .cloned()
                .unwrap_or_default();
            let target = match variants.iter().find_map(|v| concept_ref(v)) {
                Some(concept) => format!("概念表里的【{concept}】"),
                None => format!("这道题的要点“{name}”"),
            };
            out.push(Advice {
                text: format!(
                    "要点“{name}”没有算到。回复里没有算到任何要点的话：{}。如果其中一句说的就是“{name}”，把它的关键说法（越短越好，别带上语气词）加进{target}：",
                    if unmatched.is_empty() {
                        "（没有）".to_string()
                    } else {
                        unmatched
                            .iter()
                            .map(|c| format!("“{c}”"))
                            .collect::<Vec<_>>()
                            .join("、")
                    }
                ),
                markdown: Some(match variants.iter().find_map(|v| concept_ref(v)) {
                    Some(concept) => format!("- {concept}：…|{said}"),
                    None => format!("- {}|{said}", variants.join("|")),
                }),
            });
        }
    } else {
        let clauses: Vec<String> = t
            .clauses()
            .into_iter()
            .map(|(a, b)| t.slice(a, b))
            .filter(|c| !c.is_empty())
            .collect();
        out.push(Advice {
            text: format!(
                "自动评分比你高。如果回复做了不该做的事（例如其中一句：{}），把那句话的关键说法写成这道题的错误做法，做了就记 0 分；如果是把要点说了又打发掉，或者某个说法不该算要点，从概念或要点里去掉那个说法。",
                clauses
                    .iter()
                    .map(|c| format!("“{c}”"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            markdown: clauses
                .last()
                .map(|c| format!("错误做法：\n- {c}：（写明原因和来源）")),
        });
    }
    out.push(Advice {
        text: "把这条回复加进这道题的“示例：”，检查工具以后每次都会按你的分数验证它：".to_string(),
        markdown: Some(format!(
            "- {}：{}",
            fraction_text(trainer),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        )),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::question::concepts::Concepts;

    fn refund() -> Reply {
        Reply {
            keypoints: vec![
                vec!["【核实】".into()],
                vec!["原因".into()],
                vec!["金额".into()],
            ],
            ..Reply::default()
        }
    }

    fn concepts() -> Concepts {
        [(
            "核实".to_string(),
            vec!["核实".to_string(), "核对".to_string()],
        )]
        .into()
    }

    #[test]
    fn a_stricter_grader_is_told_which_phrasing_to_add_to_which_concept() {
        let c = concepts();
        let rules = ReplyRules {
            concepts: &c,
            ..ReplyRules::none()
        };
        let advice = advise(&refund(), &rules, "亲，我去瞅瞅，原因和金额都对", 1.0);
        assert!(advice[0].text.contains("要点“核实”没有算到"), "{advice:?}");
        assert!(advice[0].text.contains("“我去瞅瞅”"), "{advice:?}");
        assert_eq!(advice[0].markdown.as_deref(), Some("- 核实：…|我去瞅瞅"));
        assert_eq!(
            advice.last().unwrap().markdown.as_deref(),
            Some("- 满分：亲，我去瞅瞅，原因和金额都对")
        );
    }

    #[test]
    fn a_lenient_grader_is_told_to_write_a_wrong_action() {
        let c = concepts();
        let rules = ReplyRules {
            concepts: &c,
            ..ReplyRules::none()
        };
        let advice = advise(&refund(), &rules, "核实了原因和金额，钱我微信上转您", 0.0);
        assert!(advice[0].text.contains("错误做法"), "{advice:?}");
        assert!(advice[0]
            .markdown
            .as_deref()
            .unwrap()
            .contains("钱我微信上转您"));
        assert_eq!(
            advice[1].markdown.as_deref(),
            Some("- 0：核实了原因和金额，钱我微信上转您")
        );
    }

    #[test]
    fn no_advice_when_the_grader_agrees() {
        let c = concepts();
        let rules = ReplyRules {
            concepts: &c,
            ..ReplyRules::none()
        };
        assert!(advise(&refund(), &rules, "亲，我核对一下原因和金额", 1.0).is_empty());
    }
}
