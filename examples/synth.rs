//! Writes a synthetic project for benchmarks: `cargo run --release --example synth -- N DIR`.
//!
//! The project follows the sources contract: seven country inputs and N case studies of about
//! 400 words (with a list and a footnote in every case study and a table in every fifth), one
//! document that holds them all, and `DIR/all.md`: the same text as one Markdown file, for the
//! pandoc route the benchmark compares with. The text is pseudo-random but the same for the
//! same N, so runs compare like with like.

use std::fmt::Write as _;
use std::path::Path;

const COUNTRIES: [(&str, &str); 7] = [
    ("AFG", "Afghanistan"),
    ("AZE", "Azerbaijan"),
    ("KAZ", "Kazakhstan"),
    ("KGZ", "Kyrgyzstan"),
    ("TJK", "Tajikistan"),
    ("TKM", "Turkmenistan"),
    ("UZB", "Uzbekistan"),
];
const THEMES: [(&str, &str); 5] = [
    ("incubators", "Business incubators and accelerators"),
    ("policy", "Innovation policy"),
    ("government", "Digital government"),
    ("connectivity", "Digital connectivity"),
    ("skills", "Digital skills"),
];
const WORDS: &[&str] = &[
    "innovation",
    "programme",
    "digital",
    "enterprises",
    "government",
    "support",
    "regional",
    "cooperation",
    "infrastructure",
    "investment",
    "capacity",
    "development",
    "services",
    "technology",
    "network",
    "incubator",
    "accelerator",
    "start-up",
    "funding",
    "policy",
    "the",
    "of",
    "and",
    "in",
    "to",
    "for",
    "with",
    "a",
    "new",
    "national",
    "public",
    "private",
    "sector",
    "companies",
    "training",
    "research",
    "universities",
    "broadband",
    "access",
    "rural",
    "women",
    "young",
    "entrepreneurs",
    "export",
    "market",
    "data",
    "platform",
];

/// A small deterministic generator (xorshift), so the same N gives the same project.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = self.word();
            if i == 0 {
                let mut chars = w.chars();
                s.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(chars.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut p = Vec::new();
        let mut left = words;
        while left > 0 {
            let n = left.min(8 + (self.next() % 12) as usize);
            p.push(self.sentence(n));
            left -= n;
        }
        p.join(" ")
    }
}

/// A case study body of about 400 words.
fn case_study_body(rng: &mut Rng, index: usize) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "## Background\n\n{}[^n{index}]\n", rng.paragraph(110));
    let _ = writeln!(body, "## Approach\n\n{}\n", rng.paragraph(90));
    for _ in 0..4 {
        let _ = writeln!(body, "- {}", rng.sentence(10));
    }
    let _ = writeln!(body);
    if index.is_multiple_of(5) {
        let _ = writeln!(
            body,
            "| Year | Companies | Funding (USD million) |\n|---|--:|--:|"
        );
        for year in 2018..2023 {
            let _ = writeln!(
                body,
                "| {year} | {} | {}.{} |",
                rng.next() % 500,
                rng.next() % 90,
                rng.next() % 10
            );
        }
        let _ = writeln!(body);
    }
    let _ = writeln!(body, "## Results\n\n{}\n", rng.paragraph(110));
    let _ = writeln!(body, "[^n{index}]: {}", rng.sentence(14));
    body
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: synth N DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let sources = dir.join("sources");
    let _ = std::fs::remove_dir_all(&sources);
    for sub in ["countries", "case-studies", "documents/bench"] {
        std::fs::create_dir_all(sources.join(sub)).unwrap();
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    let mut meeting = String::from(
        "programme: {en: United Nations Special Programme for the Economies of Central Asia (SPECA)}\n\
         body: {en: Synthetic Working Group}\nsession: {en: Benchmark session}\nvenue: {en: \"Almaty, Kazakhstan\"}\n\
         dates: {start: 2022-07-19, end: 2022-07-20}\norganizers: [ESCAP, ECE]\nlanguages: [en]\n\
         deadline: 2022-07-01\ncountries:\n",
    );
    for (code, name) in COUNTRIES {
        let _ = writeln!(meeting, "  - {{code: {code}, name: {{en: {name}}}}}");
    }
    meeting.push_str("themes:\n");
    for (id, title) in THEMES {
        let _ = writeln!(meeting, "  - {{id: {id}, title: {{en: {title}}}}}");
    }
    meeting.push_str("indicators:\n  - {id: users, label: {en: Internet users}, unit: \"%\"}\n");
    std::fs::write(sources.join("meeting.yaml"), meeting).unwrap();

    let mut all = String::from("# Introduction\n\n");
    let intro = rng.paragraph(300);
    let _ = writeln!(all, "{intro}\n\n# Country inputs\n");
    std::fs::write(
        sources.join("documents/bench/introduction.md"),
        format!("# Introduction\n\n{intro}\n"),
    )
    .unwrap();

    for (i, (code, name)) in COUNTRIES.iter().enumerate() {
        let body = format!(
            "## Priorities\n\n{}\n\n## Progress\n\n{}\n\n## Challenges\n\n{}\n",
            rng.paragraph(150),
            rng.paragraph(150),
            rng.paragraph(100)
        );
        let front = format!(
            "---\ntype: country-input\ncountry: {code}\nsubmitted: 2022-06-2{}\nindicators:\n  users: {{value: {}.{}, year: 2021, source: ITU}}\n---\n",
            i % 9,
            40 + rng.next() % 60,
            rng.next() % 10
        );
        std::fs::write(
            sources.join(format!("countries/{}.en.md", code.to_lowercase())),
            format!("{front}{body}"),
        )
        .unwrap();
        let _ = writeln!(all, "## {name}\n\n{}\n", body.replace("## ", "### "));
    }

    all.push_str("# Case studies\n\n");
    let mut studies = Vec::new();
    for i in 0..n {
        let (code, name) = COUNTRIES[i % COUNTRIES.len()];
        let (theme, _) = THEMES[i % THEMES.len()];
        let title = format!(
            "Case study {i:04}: {}",
            rng.sentence(4).trim_end_matches('.')
        );
        let body = case_study_body(&mut rng, i);
        let front = format!(
            "---\ntype: case-study\nid: case-{i:04}\ncountry: {code}\ntitle: \"{title}\"\norganization: Organization {i}\n\
             themes: [{theme}]\nsummary: {}\nsubmitted: 2022-06-15\n---\n",
            rng.sentence(12)
        );
        std::fs::write(
            sources.join(format!("case-studies/case-{i:04}.en.md")),
            format!("{front}{body}"),
        )
        .unwrap();
        studies.push((name, title, body));
    }
    studies.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.cmp(&b.1)));
    for (_, title, body) in &studies {
        let body = body.replace("## ", "### ").replace("[^n", "[^s");
        let _ = writeln!(all, "## {title}\n\n{body}\n");
    }
    std::fs::write(dir.join("all.md"), all).unwrap();

    std::fs::write(
        sources.join("documents/bench.yaml"),
        "id: bench\ntemplate: un-document\ntitle: {en: Synthetic benchmark document}\nsubtitle: {en: Note by the secretariat}\n\
         symbol: ECE/BENCH/2022/1\ndistribution: General\ndate: 2022-10-15\nagenda-item: {en: Item 1}\n\
         summary: {en: A synthetic document for benchmarks.}\nsections:\n  - file: documents/bench/introduction.md\n\
         \x20 - heading: {en: Country inputs}\n    contributions: country-inputs\n\
         \x20 - heading: {en: Case studies}\n    contributions: case-studies\n    group-by: theme\n\
         annexes:\n  - heading: {en: Indicators}\n    indicators: [users]\n  - heading: {en: Case studies at a glance}\n    case-study-index: true\n",
    )
    .unwrap();
    eprintln!(
        "wrote {} with {n} case studies, and {}",
        sources.display(),
        dir.join("all.md").display()
    );
}
