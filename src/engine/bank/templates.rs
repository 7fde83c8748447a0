//! New banks for the editor, one per question type, written as exams/FORMAT.md shows them
//! (a test runs the checker over each: no errors and no hints).

/// A template: what the editor's menu shows and the bank file it starts from.
pub struct Template {
    pub label: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        label: "单选题",
        text: "---
title: 新题库
pass: 80
---

## 新手客服打字速度的最低要求是每分钟多少字？

1. [ ] 50 字
1. [x] 75 字
1. [ ] 120 字

> 生手客服打字速度至少 75 字/分钟，达到 90 字基本可以顺利上岗。
",
    },
    Template {
        label: "多选题",
        text: "---
title: 新题库
pass: 80
---

## 千牛工作台需要掌握哪些功能？（多选）

- [x] 快捷短语的设置和使用
- [x] 转接的使用
- [x] 基本的备注方法
- [ ] 修改店铺装修模板
  > 装修不属于客服需要掌握的千牛功能。
- [ ] 设置商品的库存数量
- [ ] 调整店铺的推广出价

> 客服在千牛里要会用快捷短语、转接和备注；装修、库存和推广是运营的工作。
",
    },
    Template {
        label: "判断题",
        text: "---
title: 新题库
pass: 80
---

## 平台从早上 8 点开始计算服务时长。

答案：错

> 平台从 9 点开始计算；客服 8 点上班是为了提前处理前一晚的留言。
",
    },
    Template {
        label: "填空题",
        text: "---
title: 新题库
pass: 80
---

## 填空：客服早班 {{8:00|8点|八点}} 开始，晚班到 {{0:00|24:00|12点|零点}} 结束。

> 早班 8 点开始，提前处理前一晚的留言；晚班到零点结束。
",
    },
    Template {
        label: "情景回复题",
        text: "---
title: 新题库
pass: 80
---

## （淘宝店铺）顾客：“退款原因我随便选了一个，你赶紧点同意吧。” {#refund points=3}

要点：
- 核实|核对|确认|查看
- 原因
- 金额

禁用词：
- 没有（除外：有没有、没有问题）：伤害买家自尊

错误做法：
- 马上同意|立刻同意|直接同意：涉及扣分处罚的退款原因不能同意
- 赶紧|快点（上限 1/3）：语气生硬

示例：
- 满分：亲，我先帮您核实一下退款原因和申请的金额，确认后马上给您处理
- 满分：亲，麻烦稍等，我核对一下您选的退款原因和金额
- 1/3：亲，我先帮您核实一下，请稍等哈
- 0：好的亲，马上同意

> 涉及扣分处罚的退款原因不能同意，还要核对申请的金额。
> 范例回复：亲，我先帮您核实一下退款原因和申请的金额，确认无误后马上为您处理。
",
    },
    Template {
        label: "打字测试",
        text: "---
kind: typing
title: 打字测试：快捷短语与话术
duration: 3
targets: 75 生手最低要求, 90 基本可以顺利上岗, 100
---

标题之前的文字是说明，显示在开始页。

## 催付款 {#pay-reminder}

亲，快到截单时间了，如果现在付款的话，今天就可以发货。
",
    },
];
