//! Word lists of the entity recogniser: the gazetteer derived from the PETRARCH2/Phoenix
//! dictionaries (MIT, see `data/README.md`) and short hand-written lists of title words,
//! organisation heads and group names.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Countries, their other names, capitals and regions (GPE), international organisations (ORG).
const GAZETTEER: &str = include_str!("data/gazetteer.tsv");

/// What the gazetteer says of a phrase: its type and the key of its group (other names of the
/// same place or body share it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub kind: &'static str,
    pub group: &'static str,
}

/// The gazetteer, keyed by [`normalize`]d phrase.
pub fn gazetteer() -> &'static HashMap<String, GazetteerEntry> {
    static MAP: OnceLock<HashMap<String, GazetteerEntry>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in GAZETTEER.lines() {
            let mut parts = line.split('\t');
            let (Some(phrase), Some(kind), Some(group)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let kind = if kind == "ORG" { "ORG" } else { "GPE" };
            map.entry(normalize(phrase))
                .or_insert(GazetteerEntry { kind, group });
        }
        map
    })
}

/// Looks a phrase up in the gazetteer.
pub fn lookup(phrase: &str) -> Option<&'static GazetteerEntry> {
    gazetteer().get(&normalize(phrase))
}

/// Given names and surnames of office holders of the PETRARCH2/Phoenix country dictionary (MIT;
/// built by `bench/people/make_names.py`).
const NAMES: &str = include_str!("data/names.tsv");

/// Whether a word (any case) is a known given name (1), surname (2), both (3) or neither (0).
pub fn person_name(word: &str) -> u8 {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        NAMES
            .lines()
            .filter_map(|line| {
                let (word, kind) = line.split_once('\t')?;
                Some((
                    word,
                    u8::from(kind.contains('G')) | u8::from(kind.contains('S')) << 1,
                ))
            })
            .collect()
    });
    map.get(word.to_lowercase().as_str()).copied().unwrap_or(0)
}

/// A lowercase, accent-free, punctuation-light form of a name, under which spelling variants
/// meet: `António` and `Antonio`, `U.N.` and `UN`, `Uighur`, `Uygur` and `Uyghur`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold_accent(c);
        match c {
            '’' | '‘' | '`' => out.push('\''),
            '.' => {}
            '-' | '–' | '—' => out.push(' '),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ')
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    let mut words: Vec<String> = out.split_whitespace().map(String::from).collect();
    for w in &mut words {
        if let Some(v) = variant(w) {
            *w = v.to_string();
        }
    }
    words.join(" ")
}

/// Transliteration variants of names that news copy spells several ways.
fn variant(word: &str) -> Option<&'static str> {
    Some(match word {
        "uighur" | "uygur" | "uigur" => "uyghur",
        "uighurs" | "uygurs" | "uigurs" => "uyghurs",
        "muslem" => "muslim",
        "muslems" => "muslims",
        "moslem" => "muslim",
        "moslems" => "muslims",
        "qaeda" | "qaida" => "qaeda",
        "gadhafi" | "qaddafi" | "gaddafi" => "qadhafi",
        _ => return None,
    })
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ş' | 'š' => 's',
        'Ş' | 'Š' => 'S',
        'ğ' => 'g',
        'ı' => 'i',
        'ž' => 'z',
        'Ž' => 'Z',
        'č' | 'ć' => 'c',
        'Č' | 'Ć' => 'C',
        c => c,
    }
}

/// Words that name an office or an occupation: they make a role, not a name.
pub fn is_title_word(lower: &str) -> bool {
    matches!(
        lower,
        "president"
            | "vice-president"
            | "premier"
            | "minister"
            | "secretary"
            | "secretary-general"
            | "general"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "director"
            | "director-general"
            | "chief"
            | "chairman"
            | "chairwoman"
            | "chairperson"
            | "chair"
            | "commissioner"
            | "envoy"
            | "rapporteur"
            | "ambassador"
            | "diplomat"
            | "official"
            | "leader"
            | "head"
            | "lawyer"
            | "activist"
            | "researcher"
            | "reporter"
            | "journalist"
            | "correspondent"
            | "editor"
            | "analyst"
            | "professor"
            | "expert"
            | "adviser"
            | "advisor"
            | "senator"
            | "sen"
            | "governor"
            | "gov"
            | "mayor"
            | "officer"
            | "ceo"
            | "founder"
            | "co-founder"
            | "representative"
            | "rep"
            | "delegate"
            | "judge"
            | "justice"
            | "prosecutor"
            | "attorney"
            | "king"
            | "queen"
            | "prince"
            | "chancellor"
            | "coordinator"
            | "manager"
            | "scholar"
            | "columnist"
            | "lawmaker"
            | "congressman"
            | "congresswoman"
            | "pope"
            | "cardinal"
            | "bishop"
            | "imam"
            | "negotiator"
            | "economist"
            | "scientist"
            | "dr"
            | "mr"
            | "mrs"
            | "ms"
            | "gen"
            | "col"
            | "lt"
            | "capt"
            | "sgt"
            | "adm"
            | "mp"
            | "deputy"
            | "emir"
            | "sheikh"
            | "ayatollah"
            | "dalai"
            | "commander"
            | "captain"
            | "colonel"
            | "sergeant"
            | "admiral"
            | "marshal"
            | "inspector"
            | "counsel"
            | "counselor"
            | "chairs"
            | "physician"
            | "doctor"
            | "nurse"
            | "teacher"
            | "student"
            | "campaigner"
            | "dissident"
            | "historian"
            | "author"
            | "writer"
            | "member"
            | "witness"
            | "resident"
            | "survivor"
            | "victim"
            | "owner"
            | "executive"
    )
}

/// Modifiers that stay inside a title: `Vice Foreign Minister`, `High Commissioner`.
pub fn is_title_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "vice"
            | "deputy"
            | "foreign"
            | "prime"
            | "high"
            | "special"
            | "senior"
            | "former"
            | "acting"
            | "executive"
            | "assistant"
            | "associate"
            | "top"
            | "chief"
            | "state"
            | "interior"
            | "defense"
            | "defence"
            | "finance"
            | "justice"
            | "trade"
            | "home"
            | "general"
            | "permanent"
            | "supreme"
            | "principal"
            | "lead"
            | "managing"
            | "human"
            | "rights"
            | "regional"
            | "country"
            | "national"
            | "security"
            | "policy"
            | "press"
            | "legal"
            | "military"
            | "ruling"
            | "party"
            | "union"
            | "cabinet"
            | "the"
    )
}

/// Last words of organisation names.
pub fn is_org_head(lower: &str) -> bool {
    matches!(
        lower,
        "watch"
            | "international"
            | "congress"
            | "council"
            | "committee"
            | "commission"
            | "ministry"
            | "department"
            | "office"
            | "party"
            | "administration"
            | "group"
            | "services"
            | "service"
            | "federation"
            | "organization"
            | "organisation"
            | "association"
            | "union"
            | "agency"
            | "bank"
            | "press"
            | "news"
            | "times"
            | "post"
            | "journal"
            | "institute"
            | "institution"
            | "university"
            | "college"
            | "court"
            | "parliament"
            | "assembly"
            | "network"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "foundation"
            | "fund"
            | "forces"
            | "force"
            | "army"
            | "navy"
            | "police"
            | "jurists"
            | "society"
            | "center"
            | "centre"
            | "board"
            | "bureau"
            | "tribunal"
            | "senate"
            | "house"
            | "cabinet"
            | "government"
            | "alliance"
            | "coalition"
            | "movement"
            | "front"
            | "league"
            | "authority"
            | "monitor"
            | "observatory"
            | "program"
            | "programme"
            | "mission"
            | "club"
            | "channel"
            | "tv"
            | "radio"
            | "broadcasting"
            | "herald"
            | "tribune"
            | "guardian"
            | "telegraph"
            | "gazette"
            | "daily"
            | "review"
            | "media"
            | "airlines"
            | "airline"
            | "airways"
            | "motors"
            | "llc"
            | "plc"
            | "industries"
            | "airplanes"
            | "aerospace"
            | "electronics"
            | "computer"
            | "computers"
            | "corps"
            | "technology"
            | "technologies"
            | "systems"
            | "holdings"
            | "partners"
            | "reuters"
            | "foundation's"
    )
}

/// Legal suffixes of company names (`Inc`, `LLC`), lowercased without the stop.
pub fn is_legal_suffix(lower: &str) -> bool {
    matches!(lower, "inc" | "llc" | "corp" | "ltd" | "plc")
}

/// Common nouns for companies and other bodies, as roles: `Airbus, the aircraft manufacturer`.
pub fn is_company_noun(lower: &str) -> bool {
    matches!(
        lower,
        "firm"
            | "maker"
            | "manufacturer"
            | "automaker"
            | "carmaker"
            | "carrier"
            | "retailer"
            | "giant"
            | "conglomerate"
            | "producer"
            | "supplier"
            | "operator"
            | "subsidiary"
            | "rival"
            | "exchange"
            | "business"
    )
}

/// First words of organisation names (`Office of ...`, `Ministry of ...`).
pub fn is_org_first(lower: &str) -> bool {
    matches!(
        lower,
        "office"
            | "ministry"
            | "department"
            | "university"
            | "bank"
            | "council"
            | "committee"
            | "commission"
            | "house"
            | "league"
            | "union"
            | "organization"
            | "organisation"
            | "federation"
            | "court"
            | "board"
            | "institute"
            | "bureau"
            | "association"
            | "agency"
            | "church"
    )
}

/// Groups of people by religion, ethnicity or nationality (NORP), singular lowercase.
pub fn is_group_word(lower: &str) -> bool {
    matches!(
        lower,
        "muslim"
            | "christian"
            | "catholic"
            | "protestant"
            | "buddhist"
            | "hindu"
            | "jew"
            | "sikh"
            | "uyghur"
            | "kazakh"
            | "tibetan"
            | "kurd"
            | "rohingya"
            | "arab"
            | "shiite"
            | "sunni"
            | "shia"
            | "yazidi"
            | "hui"
            | "han"
            | "uzbek"
            | "kyrgyz"
            | "tajik"
            | "tatar"
            | "mongol"
            | "falun"
            | "baha'i"
            | "druze"
            | "alawite"
            | "copt"
            | "evangelical"
            | "orthodox"
            | "pashtun"
            | "hazara"
            | "baloch"
            | "palestinian"
            | "israeli"
            | "roma"
            | "latino"
            | "hispanic"
            | "democrat"
            | "republican"
    )
}

/// Capitalised words that are never names on their own.
pub fn is_stop_cap(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "i"
            | "god"
            | "internet"
            | "web"
            | "islam"
            | "christianity"
            | "buddhism"
            | "covid"
            | "covid-19"
            | "ngo"
            | "ngos"
            // Time zones and currency codes: `10:00 UTC`, `USD 23 billion`.
            | "utc"
            | "gmt"
            | "cet"
            | "usd"
            | "eur"
            | "gbp"
    )
}

/// Speech verbs, by lemma: the cues of quotations and reported speech. Adapted from the quote
/// Texts that speak for their authors in news copy (`the letter added`, `the statement said`).
pub fn is_text_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "letter"
            | "statement"
            | "memo"
            | "memorandum"
            | "document"
            | "release"
            | "communique"
            | "email"
            | "message"
            | "post"
            | "tweet"
            | "op-ed"
            | "editorial"
            | "petition"
            | "filing"
            | "complaint"
            | "lawsuit"
            | "note"
            | "ad"
            | "advertisement"
            | "speech"
            | "article"
            | "column"
    )
}

/// Verbs that report a stance through their object: `raised concerns about ...`, `voiced doubts
/// that ...`, `expressed hope that ...`.
pub fn is_stance_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "express" | "raise" | "voice" | "reiterate" | "air" | "register" | "flag" | "share"
    )
}

/// The stances such a verb reports (`concern`, `doubt`, `hope`).
pub fn is_stance_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "concern"
            | "worry"
            | "alarm"
            | "fear"
            | "doubt"
            | "reservation"
            | "frustration"
            | "anger"
            | "outrage"
            | "regret"
            | "disappointment"
            | "dismay"
            | "skepticism"
            | "scepticism"
            | "hope"
            | "optimism"
            | "opposition"
            | "objection"
            | "question"
            | "criticism"
            | "confidence"
            | "sympathy"
            | "view"
            | "belief"
    )
}

/// Words that introduce what a stance is about (`concern over ...`, `hope that ...`).
pub fn is_stance_preposition(lemma: &str) -> bool {
    matches!(
        lemma,
        "about" | "over" | "at" | "regarding" | "on" | "with" | "that" | "for" | "in"
    )
}

/// verbs of the Gender Gap Tracker rules (MIT) and extended for wire copy.
pub fn is_speech_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "express"
            | "reveal"
            | "suggest"
            | "predict"
            | "remark"
            | "comment"
            | "observe"
            | "tell"
            | "add"
            | "state"
            | "claim"
            | "assert"
            | "argue"
            | "contend"
            | "maintain"
            | "insist"
            | "explain"
            | "note"
            | "announce"
            | "declare"
            | "confirm"
            | "deny"
            | "acknowledge"
            | "admit"
            | "concede"
            | "warn"
            | "caution"
            | "urge"
            | "ask"
            | "demand"
            | "call"
            | "complain"
            | "allege"
            | "report"
            | "write"
            | "reply"
            | "respond"
            | "promise"
            | "pledge"
            | "vow"
            | "stress"
            | "emphasize"
            | "emphasise"
            | "underline"
            | "point"
            | "recall"
            | "disclose"
            | "clarify"
            | "indicate"
            | "testify"
            | "tweet"
            | "conclude"
            | "agree"
            | "reiterate"
            | "repeat"
            | "assure"
            | "reassure"
            | "inform"
            | "advise"
            | "elaborate"
            | "highlight"
            | "affirm"
            | "reaffirm"
            | "exclaim"
            | "mention"
            | "proclaim"
            | "remind"
            | "restate"
            | "reassert"
            | "reconfirm"
            | "notify"
            | "joke"
            | "quip"
            | "shout"
            | "yell"
            | "whisper"
            | "boast"
            | "brag"
            | "lament"
            | "counter"
            | "retort"
            | "concur"
            | "opine"
            | "recount"
            | "hint"
            | "speculate"
            | "specify"
            | "dispute"
            | "plead"
            | "implore"
    )
}
