//! How the newsroom holds up at the size of a long-running publication: 100,000
//! sources and 1,000 issues of about 1,000 words. Prints each figure beside its
//! target; `cargo bench -p newsflash-core`.
//!
//! Everything goes through the public API, on a newsroom file on disk with the
//! settings the app uses (WAL, synchronous=FULL), so the figures include the fsyncs
//! an editor waits for. `BENCH_SLOWEST=1` also lists the slowest searches.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed benchmark should stop loudly.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{Figure, millis};
use newsflash_core::{IssueDetails, IssueStatus, NewIssue, Newsroom, Seed, key_from_name};
use time::macros::{date, datetime};
use time::{Duration as Days, OffsetDateTime};

const SOURCES: usize = 100_000;
const ISSUES: u32 = 1_000;
const WORDS_PER_ISSUE: usize = 1_000;
const SEARCHES: usize = 2_000;
const SAVES: usize = 200;
const OPENS: usize = 9;

const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only
    // check that the benchmark runs, on a small newsroom.
    let full = std::env::args().any(|arg| arg == "--bench");
    let (sources, issues) = if full { (SOURCES, ISSUES) } else { (2_000, 20) };
    // Under target/, not /tmp: /tmp is often in memory, where fsync costs nothing.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    let path = dir.path().join("bench.db");
    let mut random = Random(0x5EED_CAFE_F00D_BEEF);
    let mut results = Vec::new();

    let newsroom = Newsroom::open(&path, Seed::Empty, NOW).unwrap();
    let (csv, names) = sources_csv(&mut random, sources);
    let started = Instant::now();
    let report = newsroom
        .sources()
        .import_csv("generated.csv", csv.as_bytes(), NOW)
        .unwrap();
    let import = started.elapsed();
    assert_eq!(report.added as usize, sources);
    results.push(Figure::single(
        format!(
            "import {sources} sources from CSV ({:.1} MB)",
            csv.len() as f64 / 1e6
        ),
        import,
        Some(Duration::from_secs(3)),
    ));

    // Ten megabytes that are not a sources file must be refused fast and whole.
    let mut garbage = "key,name,full_name,homepage,kind,notes\n".to_owned();
    while garbage.len() < 10 * 1024 * 1024 {
        garbage.push_str("%%%,\"\"\"\",;;;,ftp://x,,\n");
    }
    let started = Instant::now();
    let refused = newsroom
        .sources()
        .import_csv("garbage.csv", garbage.as_bytes(), NOW);
    let refusing = started.elapsed();
    assert!(refused.is_err());
    results.push(Figure::single(
        "refuse 10 MB of garbage rows (nothing imported)".into(),
        refusing,
        Some(Duration::from_secs(1)),
    ));

    let started = Instant::now();
    for number in 1..=issues {
        let issue = NewIssue {
            number,
            details: IssueDetails {
                date: date!(2022 - 01 - 06) + Days::days(14 * i64::from(number)),
                title: sentence(&mut random, 6),
                preheader: sentence(&mut random, 10),
            },
            status: IssueStatus::Published,
            body: issue_body(&mut random, &names),
        };
        newsroom.issues().add(&issue, NOW).unwrap();
    }
    let adding = started.elapsed();
    eprintln!(
        "(generated {issues} issues through add_issue in {:.1} s)",
        adding.as_secs_f64()
    );

    let queries = search_queries(&mut random, &names, SEARCHES);
    for query in queries.iter().take(100) {
        newsroom.sources().search(query, 20).unwrap();
    }
    let mut searches = Vec::with_capacity(queries.len());
    let mut hits = 0;
    for query in &queries {
        let started = Instant::now();
        hits += newsroom.sources().search(query, 20).unwrap().len();
        searches.push(started.elapsed());
    }
    assert!(hits > 0);
    if std::env::var_os("BENCH_SLOWEST").is_some() {
        let mut timed: Vec<(Duration, &String)> = searches.iter().copied().zip(&queries).collect();
        timed.sort();
        for (took, query) in timed.iter().rev().take(25) {
            eprintln!("slow: {:>8} {query:?}", millis(*took));
        }
        for (took, query) in timed.iter().step_by(100) {
            eprintln!("sample: {:>8} {query:?}", millis(*took));
        }
    }
    results.push(Figure::percentiles(
        format!(
            "source search, {} prefix queries, 20 results",
            queries.len()
        ),
        searches,
        Some(Duration::from_millis(2)),
    ));
    let started = Instant::now();
    newsroom.sources().search("", 20).unwrap();
    eprintln!(
        "(empty query, first 20 by name: {:.2} ms)",
        started.elapsed().as_secs_f64() * 1e3
    );

    let mut saves = Vec::with_capacity(SAVES);
    for round in 0..SAVES {
        let number = 1 + random.below(issues as usize) as u32;
        let issue = newsroom.issues().get(number).unwrap();
        let mut body = issue.body;
        write!(body, " Edit {round}.").unwrap();
        let started = Instant::now();
        newsroom
            .issues()
            .save_text(
                number,
                issue.version,
                &body,
                NOW + Days::seconds(round as i64),
            )
            .unwrap();
        saves.push(started.elapsed());
    }
    results.push(Figure::percentiles(
        format!("save an issue (~{WORDS_PER_ISSUE} words, synchronous=FULL)"),
        saves,
        Some(Duration::from_millis(10)),
    ));

    drop(newsroom);
    let mut opens = Vec::with_capacity(OPENS);
    for _ in 0..OPENS {
        let started = Instant::now();
        let newsroom = Newsroom::open(&path, Seed::Empty, NOW).unwrap();
        opens.push(started.elapsed());
        drop(newsroom);
    }
    results.push(Figure::median(
        format!("open the newsroom (median of {OPENS})"),
        opens,
        Some(Duration::from_millis(50)),
    ));

    println!();
    println!(
        "newsflash-core: a newsroom of {sources} sources and {issues} issues ({:.0} MB)",
        file_size(&path) as f64 / 1e6
    );
    for figure in &results {
        println!("{figure}");
    }
    if !full {
        println!("(a small run: `cargo bench` runs the full size)");
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |metadata| metadata.len())
}

/// xorshift64*: the same newsroom on every run, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "Accra",
    "Addis",
    "Almaty",
    "Amman",
    "Amsterdam",
    "Ankara",
    "Asmara",
    "Astana",
    "Athens",
    "Baghdad",
    "Baku",
    "Bamako",
    "Bangkok",
    "Beirut",
    "Belgrade",
    "Berlin",
    "Bishkek",
    "Bogota",
    "Bratislava",
    "Brussels",
    "Bucharest",
    "Budapest",
    "Cairo",
    "Caracas",
    "Chisinau",
    "Colombo",
    "Dakar",
    "Damascus",
    "Dhaka",
    "Doha",
    "Dublin",
    "Dushanbe",
    "Freetown",
    "Gaza",
    "Geneva",
    "Harare",
    "Havana",
    "Helsinki",
    "Istanbul",
    "Jakarta",
    "Juba",
    "Kabul",
    "Kampala",
    "Karachi",
    "Kathmandu",
    "Khartoum",
    "Kigali",
    "Kinshasa",
    "Kyiv",
    "Lagos",
    "Lahore",
    "Lima",
    "Lisbon",
    "Ljubljana",
    "Lome",
    "London",
    "Luanda",
    "Lusaka",
    "Madrid",
    "Managua",
    "Manila",
    "Maputo",
    "Minsk",
    "Mogadishu",
    "Montevideo",
    "Moscow",
    "Mumbai",
    "Nairobi",
    "Niamey",
    "Nicosia",
    "Nuku'alofa",
    "Odesa",
    "Oslo",
    "Ouagadougou",
    "Paris",
    "Podgorica",
    "Prague",
    "Pristina",
    "Quito",
    "Rabat",
    "Riga",
    "Rome",
    "Sanaa",
    "Santiago",
    "Sarajevo",
    "Seoul",
    "Skopje",
    "Sofia",
    "Suva",
    "Tallinn",
    "Tashkent",
    "Tbilisi",
    "Tehran",
    "Tirana",
    "Tokyo",
    "Tripoli",
    "Tunis",
    "Ulaanbaatar",
    "Vienna",
    "Vilnius",
    "Warsaw",
    "Windhoek",
    "Yangon",
    "Yerevan",
    "Zagreb",
    "Abuja",
    "Algiers",
    "Apia",
    "Asuncion",
    "Beijing",
    "Bern",
    "Bissau",
    "Brasilia",
    "Canberra",
    "Conakry",
    "Copenhagen",
    "Delhi",
    "Dili",
    "Djibouti",
    "Gaborone",
    "Hanoi",
    "Honiara",
    "Islamabad",
    "Kuala Lumpur",
    "La Paz",
    "Libreville",
    "Lilongwe",
    "Malabo",
    "Male",
    "Maseru",
    "Mbabane",
    "Monrovia",
    "Muscat",
    "Naypyidaw",
    "Nouakchott",
    "Ottawa",
    "Panama",
    "Port Moresby",
    "Port Vila",
    "Praia",
    "Pyongyang",
    "Reykjavik",
    "Riyadh",
    "Roseau",
    "San Jose",
    "Stockholm",
    "Taipei",
    "Tarawa",
    "Tegucigalpa",
    "Thimphu",
    "Valletta",
    "Vientiane",
    "Wellington",
    "Yaounde",
    "Aleppo",
    "Basra",
    "Benghazi",
    "Bukavu",
    "Cebu",
    "Chittagong",
    "Durban",
    "Erbil",
    "Goma",
    "Herat",
    "Hebron",
    "Kandahar",
    "Kharkiv",
    "Kherson",
    "Lviv",
    "Mariupol",
    "Mosul",
    "Osh",
    "Samarkand",
    "Zaporizhzhia",
];

const OUTLETS: &[&str] = &[
    "Herald",
    "Tribune",
    "Times",
    "Post",
    "Gazette",
    "Journal",
    "Observer",
    "Chronicle",
    "Courier",
    "Daily",
    "News",
    "Radio",
    "Television",
    "Monitor",
    "Review",
    "Express",
    "Independent",
    "Voice",
    "Star",
    "Sun",
    "Mirror",
    "Record",
    "Standard",
    "Telegraph",
    "Dispatch",
    "Bulletin",
    "Leader",
    "Globe",
    "Press",
    "Register",
    "Sentinel",
    "Examiner",
    "Inquirer",
    "Echo",
    "Mail",
    "Reporter",
    "Weekly",
    "Today",
    "Online",
    "Insider",
    "Report",
    "Digest",
    "Wire",
    "Pulse",
    "Signal",
];

const PREFIXES: &[&str] = &[
    "",
    "The",
    "Radio",
    "Daily",
    "Free",
    "New",
    "Public",
    "Evening",
    "Morning",
    "Sunday",
    "Independent",
    "Citizen",
];

const BODIES: &[&str] = &[
    "Centre",
    "Institute",
    "Foundation",
    "Council",
    "Network",
    "Observatory",
    "Watch",
    "Alliance",
];

const TOPICS: &[&str] = &[
    "Human Rights",
    "Press Freedom",
    "Climate Research",
    "Migration Studies",
    "Peace",
    "Democracy",
    "Public Health",
    "Food Security",
    "Refugee Support",
    "Transparency",
    "Women's Rights",
    "Child Protection",
    "Conflict Analysis",
    "Election Monitoring",
    "Water Policy",
    "Energy Transition",
    "Disaster Relief",
    "Labour Rights",
    "Open Data",
    "Investigative Journalism",
    "Media Literacy",
    "Minority Rights",
    "Land Rights",
    "Digital Rights",
    "Justice",
];

const KINDS: &[&str] = &[
    "newspaper",
    "broadcaster",
    "news site",
    "news agency",
    "magazine",
    "NGO",
    "think tank",
    "blog",
];

const WORDS: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "protesters",
    "in",
    "capital",
    "after",
    "officials",
    "announced",
    "a",
    "new",
    "law",
    "that",
    "would",
    "restrict",
    "of",
    "opposition",
    "leaders",
    "to",
    "elections",
    "were",
    "and",
    "international",
    "observers",
    "called",
    "for",
    "calm",
    "as",
    "police",
    "reported",
    "arrests",
    "near",
    "parliament",
    "ministry",
    "statement",
    "humanitarian",
    "aid",
    "reached",
    "region",
    "thousands",
    "displaced",
    "by",
    "flooding",
    "earthquake",
    "eruption",
    "ceasefire",
    "talks",
    "resumed",
    "with",
    "mediators",
    "from",
    "neighbouring",
    "countries",
    "economy",
    "inflation",
    "prices",
    "fuel",
    "rose",
    "sharply",
    "journalists",
    "detained",
    "court",
    "ruled",
    "against",
    "appeal",
    "spokesperson",
    "denied",
    "reports",
    "military",
    "troops",
    "border",
    "crossing",
    "reopened",
    "week",
    "residents",
    "described",
    "scenes",
    "chaos",
    "internet",
    "shutdown",
    "lifted",
    "president",
    "prime",
    "minister",
    "resigned",
    "amid",
    "pressure",
    "coalition",
    "partners",
    "vote",
    "confidence",
];

fn sentence(random: &mut Random, words: usize) -> String {
    let mut text = String::new();
    for index in 0..words {
        let word = random.pick(WORDS);
        if index == 0 {
            let mut chars = word.chars();
            text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            text.push_str(chars.as_str());
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text
}

/// A library of plausible outlets and organisations: "Kyiv Evening Herald",
/// "Tbilisi Centre for Press Freedom". Returns the file and the names.
fn sources_csv(random: &mut Random, count: usize) -> (String, Vec<String>) {
    let mut csv = String::from("key,name,full_name,homepage,kind,notes\n");
    let mut keys = std::collections::HashSet::new();
    let mut names = Vec::with_capacity(count);
    while names.len() < count {
        let place = random.pick(PLACES);
        let (name, full_name, kind) = if random.below(4) == 0 {
            let body = random.pick(BODIES);
            let topic = random.pick(TOPICS);
            (
                format!("{place} {body} for {topic}"),
                format!("The {place} {body} for {topic}"),
                "NGO",
            )
        } else {
            let prefix = random.pick(PREFIXES);
            let outlet = random.pick(OUTLETS);
            let name = if prefix.is_empty() {
                format!("{place} {outlet}")
            } else {
                format!("{prefix} {place} {outlet}")
            };
            let full_name = format!("{name} Media Group");
            (name, full_name, random.pick(KINDS))
        };
        let key = key_from_name(&name);
        if !keys.insert(key.clone()) {
            continue;
        }
        let homepage = format!("https://www.{}.example/", key.replace('-', ""));
        let notes = format!(
            "{} based in {place}; {}.",
            kind[..1].to_uppercase() + &kind[1..],
            sentence(random, 8).to_lowercase()
        );
        let quoted = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
        writeln!(
            csv,
            "{key},{},{},{homepage},{kind},{}",
            quoted(&name),
            quoted(&full_name),
            quoted(&notes)
        )
        .unwrap();
        names.push(name);
    }
    (csv, names)
}

/// About WORDS_PER_ISSUE words of Markdown: three articles of sections and
/// paragraphs with citations, links and emphasis.
fn issue_body(random: &mut Random, names: &[String]) -> String {
    let mut body = String::new();
    let mut words = 0;
    for _ in 0..3 {
        writeln!(body, "# {}\n", sentence(random, 7)).unwrap();
        for _ in 0..3 {
            writeln!(body, "## {}\n", sentence(random, 4)).unwrap();
            for _ in 0..2 {
                let length = 45 + random.below(20);
                let cited = key_from_name(&names[random.below(names.len())]);
                writeln!(
                    body,
                    "{}, **{}** [link](https://example.org/{}) [@{cited}].\n",
                    sentence(random, length / 2),
                    sentence(random, 3).to_lowercase(),
                    random.below(10_000),
                )
                .unwrap();
                writeln!(body, "{}.\n", sentence(random, length / 2)).unwrap();
                words += length + 5;
            }
        }
        if words >= WORDS_PER_ISSUE {
            break;
        }
    }
    body.push_str("Sources: HRW, AlJazeera, Reuters\n");
    body
}

/// What editors type into the search box: the start of a name, one or two
/// words, stopped anywhere from the second letter on ("kyiv ev", "tbil", "press fr").
fn search_queries(random: &mut Random, names: &[String], count: usize) -> Vec<String> {
    let mut queries: Vec<String> = ["hum ri", "al jaz", "radio fr", "reut", "press", "kyiv"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    while queries.len() < count {
        let name = &names[random.below(names.len())];
        let words: Vec<&str> = name.split_whitespace().collect();
        let start = random.below(words.len());
        let take = 1 + random.below(2.min(words.len() - start));
        let mut query = words[start..start + take].join(" ");
        let keep = 2 + random.below(query.chars().count().saturating_sub(1).max(1));
        query = query.chars().take(keep).collect();
        queries.push(query.to_lowercase());
    }
    queries
}
