//! The parse benchmark's bank: 10,000 questions of all eight types, Chinese text,
//! explanations and realistic lengths, generated the same way every time. Shared by the
//! native benchmark (`src/bin/parsebench.rs`) and the WebAssembly one
//! (`src/bin/parsebench_wasm.rs`) so both parse the same text.

pub const QUESTIONS: usize = 10_000;
const PER_SECTION: usize = 50;

/// A fixed generator so every run benchmarks the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() as usize % xs.len()]
    }
    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }
}

const PHRASES: &[&str] = &[
    "顾客咨询发货时间",
    "平台计算客服服务时间",
    "售后退款申请的处理流程",
    "大促当天的客服排班",
    "快捷短语的设置和使用",
    "千牛工作台的转接功能",
    "邮费的判定规则",
    "扣分点处罚规则",
    "产品的面料与版型特点",
    "尺码推荐与颜色搭配",
    "议价话术与催付款话术",
    "道歉类与安抚类话术",
    "网店管家查看实际库存",
    "货到付款订单的处理",
    "付款后核对收件信息",
];

const DETAILS: &[&str] = &[
    "以天猫为例，平台计算服务时间是从早上 9:00 到晚上 23:00",
    "生手客服打字速度至少 75 字/分钟，达到 90 字基本可以顺利上岗",
    "涉及扣分处罚的退款原因不能同意，并要核对客户申请的金额",
    "对讨价还价的顾客，先阐明宝贝价格已经很低，再强调**质量**和*售后保障*",
    "京东客服在接待中提及敏感词会被罚 50 分、扣一万元，所以要按平台分别学习规则",
    "店内产品先学前面卖得好的 5 个主推款，再学第二梯队的款式",
    "对接流程是上岗的基础，很多事情没有下文，根本原因就是找不到正确的对接人",
    "大促前一个月招聘兼职，前两周排班，前一周集训，前一天演习",
];

const SOURCES: &[&str] = &[
    "000_84ed276d6acfb15f.txt",
    "001_5fd5f65c31bde43e.txt",
    "004_d56209743f91a003.txt",
];

fn explanation(r: &mut Lcg, out: &mut String) {
    out.push_str(&format!(
        "> {}。{}，这是上岗前必须掌握的内容。\n",
        r.pick(DETAILS),
        r.pick(DETAILS)
    ));
    out.push_str(&format!("> 来源：{}\n\n", r.pick(SOURCES)));
}

fn question(i: usize, r: &mut Lcg, out: &mut String) {
    let topic = r.pick(PHRASES);
    let points = [1, 1, 2, 3][r.below(4)];
    match i % 8 {
        0 => {
            out.push_str(&format!(
                "## 关于“{topic}”，下列说法正确的是？（第 {i} 题） {{#q{i} points={points}}}\n\n"
            ));
            out.push_str(&format!(
                "{}。请选择最符合规定的一项。\n\n",
                r.pick(DETAILS)
            ));
            let right = r.below(4);
            for k in 0..4 {
                let mark = if k == right { "x" } else { " " };
                out.push_str(&format!(
                    "1. [{mark}] {}（选项 {}）\n",
                    r.pick(DETAILS),
                    k + 1
                ));
            }
            out.push('\n');
        }
        1 => {
            out.push_str(&format!("## “{topic}”需要注意哪些事项？（多选，第 {i} 题） {{#q{i} points={points} tags=规则,流程}}\n\n"));
            for k in 0..5 {
                let mark = if k % 2 == 0 { "x" } else { " " };
                out.push_str(&format!("- [{mark}] {}\n", r.pick(DETAILS)));
                if k == 1 {
                    out.push_str(&format!("  > {}，所以这一项不对。\n", r.pick(DETAILS)));
                }
            }
            out.push('\n');
        }
        2 => {
            out.push_str(&format!("## {}。（判断，第 {i} 题）\n\n", r.pick(DETAILS)));
            out.push_str(if r.below(2) == 0 {
                "答案：对\n\n"
            } else {
                "答案：错\n\n"
            });
        }
        3 => {
            out.push_str(&format!("## 填空：{topic}（第 {i} 题） {{#q{i}}}\n\n"));
            out.push_str(&format!(
                "客服早班 {{{{8:00|8点|八点}}}} 开始，晚班到 {{{{0:00|24:00|零点}}}} 结束；{}。\n\n",
                r.pick(DETAILS)
            ));
        }
        4 => {
            out.push_str(&format!(
                "## 请把“{topic}”的步骤按先后排序（第 {i} 题） {{#q{i} points=3}}\n\n"
            ));
            for (k, step) in [
                "兼职员工招聘并培训",
                "客服排班",
                "客服大促集训",
                "实打实的演习",
                "大促当天值守",
            ]
            .iter()
            .enumerate()
            {
                out.push_str(&format!("{}. {step}（{topic}）\n", k + 1));
            }
            out.push('\n');
        }
        5 => {
            out.push_str(&format!(
                "## 请为各类话术找到所属的类别（第 {i} 题） {{#q{i} points=3}}\n\n"
            ));
            out.push_str("| 话术 | 类别 |\n| --- | --- |\n");
            for (l, rr) in [
                ("议价话术", "销售通用话术"),
                ("道歉类话术", "售后通用话术"),
                ("针对本店产品的话术", "产品话术"),
                ("催付款话术", "销售通用话术"),
            ] {
                out.push_str(&format!("| {l}（{i}） | {rr} |\n"));
            }
            out.push('\n');
        }
        6 => {
            out.push_str(&format!("## 活动当天销售目标 {} 人，客服占比 0.5，转化率 0.6，总接待人数是多少？（第 {i} 题）\n\n", 2000 + i));
            // 0.3 of the target, written as a trainer would (904.2, not f64's 904.1999999999999,
            // which a bank may not hold: more than 15 significant digits is an error).
            let tenths = (2000 + i) * 3;
            out.push_str(&format!(
                "答案：{}.{}\n误差：5\n单位：人\n\n",
                tenths / 10,
                tenths % 10
            ));
        }
        _ => {
            out.push_str(&format!("## 顾客：“{topic}，能不能再便宜点？便宜我就买。”请回复这位顾客。（第 {i} 题） {{#q{i} points=4}}\n\n"));
            out.push_str("要点：\n- 抱歉|不好意思\n- 很低|优惠|实惠|划算\n- 质量|品质|做工\n\n禁用词：\n- 不还价\n- 没有：伤害买家自尊\n\n");
        }
    }
    explanation(r, out);
}

pub fn generate() -> String {
    let mut r = Lcg(20_261_123);
    let mut out = String::from(
        "---\ntitle: 基准题库\ndescription: 一万道题的生成题库\ntime_limit: 1h30m\npass: 80\ndraw: 100\nshuffle_questions: true\n---\n\n这是开始页上显示的说明。\n\n",
    );
    for i in 0..QUESTIONS {
        if i % PER_SECTION == 0 {
            out.push_str(&format!(
                "# 第 {} 组：{} {{#s{} draw=5}}\n\n",
                i / PER_SECTION + 1,
                r.pick(PHRASES),
                i / PER_SECTION
            ));
        }
        question(i, &mut r, &mut out);
    }
    out
}
