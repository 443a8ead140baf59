//! The demo network's invented content: real European cities (with their own spelling), and
//! plausible actions per commitment. None of it describes what these cities really do.

/// A city of the demo: name, ISO country, its officers' language, population (rounded).
pub struct DemoCity {
    pub name: &'static str,
    pub country: &'static str,
    pub language: &'static str,
    /// Read once cities carry their context (population, share born abroad) for comparisons.
    #[allow(dead_code)]
    pub population: i64,
}

const fn city(name: &'static str, country: &'static str, language: &'static str, population: i64) -> DemoCity {
    DemoCity { name, country, language, population }
}

/// About forty signatories, names with their diacritics.
pub const CITIES: &[DemoCity] = &[
    city("Amsterdam", "NL", "nl", 918_000),
    city("Antwerpen", "BE", "nl", 536_000),
    city("Athína", "GR", "el", 643_000),
    city("Barcelona", "ES", "es", 1_660_000),
    city("Bergen", "NO", "nb", 291_000),
    city("Bologna", "IT", "it", 390_000),
    city("Bordeaux", "FR", "fr", 261_000),
    city("Brno", "CZ", "cs", 398_000),
    city("Bruxelles", "BE", "fr", 196_000),
    city("Cluj-Napoca", "RO", "ro", 286_000),
    city("Dublin", "IE", "en", 592_000),
    city("Düsseldorf", "DE", "de", 629_000),
    city("Espoo", "FI", "fi", 314_000),
    city("Gdańsk", "PL", "pl", 486_000),
    city("Genève", "CH", "fr", 205_000),
    city("Gent", "BE", "nl", 266_000),
    city("Göteborg", "SE", "sv", 600_000),
    city("Helsinki", "FI", "fi", 674_000),
    city("Kraków", "PL", "pl", 804_000),
    city("Leipzig", "DE", "de", 628_000),
    city("Lisboa", "PT", "pt", 548_000),
    city("Ljubljana", "SI", "sl", 295_000),
    city("Łódź", "PL", "pl", 655_000),
    city("Lyon", "FR", "fr", 522_000),
    city("Madrid", "ES", "es", 3_340_000),
    city("Malmö", "SE", "sv", 362_000),
    city("München", "DE", "de", 1_510_000),
    city("Nantes", "FR", "fr", 323_000),
    city("Oslo", "NO", "nb", 709_000),
    city("Pesaro", "IT", "it", 96_000),
    city("Porto", "PT", "pt", 232_000),
    city("Riga", "LV", "lv", 605_000),
    city("Rotterdam", "NL", "nl", 655_000),
    city("Tallinn", "EE", "et", 454_000),
    city("Tampere", "FI", "fi", 255_000),
    city("Torino", "IT", "it", 841_000),
    city("Vantaa", "FI", "fi", 248_000),
    city("Warszawa", "PL", "pl", 1_860_000),
    city("Wien", "AT", "de", 2_000_000),
    city("Zagreb", "HR", "hr", 767_000),
    city("Zürich", "CH", "de", 443_000),
];

/// First and family names for the demo's contacts, by language.
pub fn people(language: &str) -> &'static [(&'static str, &'static str)] {
    match language {
        "nl" => &[("Anouk", "de Vries"), ("Pieter", "Janssens"), ("Fatima", "El Amrani")],
        "fr" => &[("Hélène", "Dubois"), ("Karim", "Benali"), ("Sophie", "Lefèvre")],
        "de" => &[("Jürgen", "Müller"), ("Aylin", "Yılmaz"), ("Katharina", "Weiß")],
        "pl" => &[("Agnieszka", "Wiśniewska"), ("Łukasz", "Zieliński"), ("Olena", "Kowalenko")],
        "it" => &[("Giulia", "Ricci"), ("Matteo", "Esposito"), ("Amina", "Diallo")],
        "es" => &[("Lucía", "García"), ("Javier", "Martínez"), ("Nadia", "Haddad")],
        "sv" => &[("Anna", "Berg"), ("Erik", "Lindqvist"), ("Sara", "Ahmadi")],
        "fi" => &[("Aino", "Virtanen"), ("Mikko", "Mäkinen"), ("Hodan", "Ali")],
        "nb" => &[("Ingrid", "Hansen"), ("Ole", "Johansen"), ("Zainab", "Hussain")],
        "pt" => &[("Inês", "Silva"), ("João", "Ferreira"), ("Mariama", "Baldé")],
        "el" => &[("Eleni", "Papadopoulou"), ("Nikos", "Georgiou"), ("Samir", "Nasser")],
        "cs" => &[("Tereza", "Nováková"), ("Jan", "Dvořák"), ("Oksana", "Bondarenko")],
        "ro" => &[("Ioana", "Pop"), ("Andrei", "Ionescu"), ("Leyla", "Aydın")],
        "sl" => &[("Maja", "Novak"), ("Luka", "Horvat"), ("Edina", "Hodžić")],
        "lv" => &[("Līga", "Bērziņa"), ("Jānis", "Kalniņš"), ("Irina", "Sokolova")],
        "et" => &[("Kadri", "Tamm"), ("Mart", "Saar"), ("Anastassia", "Ivanova")],
        "hr" => &[("Ana", "Kovačević"), ("Ivan", "Babić"), ("Amra", "Begić")],
        _ => &[("Siobhán", "Murphy"), ("Conor", "Byrne"), ("Chidi", "Okafor")],
    }
}

/// Possible actions per commitment: title, department, a sentence of description, policy areas.
pub fn actions_for(commitment: &str) -> &'static [(&'static str, &'static str, &'static str, &'static [&'static str])] {
    match commitment {
        "PM1" => &[
            ("Equal opportunities campaign in every district", "Communications", "A year-long campaign in libraries, transport and social media, in the city's ten most spoken languages.", &[]),
            ("Welcome charter signed by the city council", "Mayor's office", "The council adopts a public welcome charter and reports on it each year.", &[]),
            ("Multilingual city website", "Communications", "Key pages of the city's website in plain language and the main community languages.", &["other"]),
        ],
        "PM2" => &[
            ("Equality check for new council policies", "Strategy and policy", "Every proposal to the council carries an equality impact assessment.", &[]),
            ("Anti-discrimination desk", "Legal services", "A desk where residents can report discrimination by city services and get advice.", &["social_care"]),
            ("Review of eligibility rules for city benefits", "Social affairs", "Removing residence-length conditions that excluded newcomers from city benefits.", &["social_care"]),
        ],
        "PM3" => &[
            ("Migrant advisory council", "Mayor's office", "An elected council of residents with a migrant background that advises on city policy.", &[]),
            ("Participatory budget in community languages", "Citizen participation", "The participatory budget's calls, forms and meetings in five languages.", &[]),
            ("Neighbourhood dialogue evenings", "Citizen participation", "Quarterly evenings where newcomers meet the district council.", &[]),
        ],
        "SP1" => &[
            ("Language café in every library", "Libraries", "Weekly conversation groups for adults learning the language, run with volunteers.", &["language_learning"]),
            ("Language courses with childcare", "Education", "Free courses for parents, with childcare in the same building.", &["language_learning", "education"]),
            ("Housing advice for newcomers", "Housing", "Advice on tenancy rights and the social housing list, in several languages.", &["housing"]),
            ("Health navigators", "Public health", "Trained community members who help newcomers register with a doctor.", &["health"]),
            ("Job-seeker mentoring with local employers", "Employment", "Six-month mentoring of job seekers by staff of local companies.", &["employment"]),
            ("Recognition of foreign qualifications", "Employment", "A one-stop service that helps people have their diplomas recognised.", &["employment", "education"]),
        ],
        "SP2" => &[
            ("Interpreting for frontline services", "Customer services", "Telephone and video interpreting for every frontline service.", &["other"]),
            ("Intercultural training for social workers", "Social affairs", "Training on working with families from different cultures.", &["social_care"]),
            ("Users' panel of newcomers", "Customer services", "A panel of newcomers that tests services and forms before launch.", &[]),
        ],
        "EM1" => &[
            ("Diversity in recruitment", "Human resources", "Anonymous applications and diverse selection panels for city jobs.", &["employment"]),
            ("Traineeships for refugees in city services", "Human resources", "Paid traineeships in city departments, with language support.", &["employment"]),
        ],
        "EM2" => &[
            ("Confidential complaints procedure for staff", "Human resources", "A procedure for staff to report discrimination, with an independent adviser.", &[]),
            ("Staff network for colleagues with a migrant background", "Human resources", "A network that advises management on working conditions.", &[]),
        ],
        "EM3" => &[
            ("Diversity training for managers", "Human resources", "A compulsory two-day course for every manager.", &["education"]),
            ("E-learning on unconscious bias", "Human resources", "An online module for all staff.", &["education"]),
        ],
        "BU1" => &[
            ("Social clauses in tenders", "Procurement", "Equality and diversity clauses in tenders above the EU thresholds.", &[]),
            ("Equality criteria in cleaning contracts", "Procurement", "Award criteria on fair treatment of the contractor's staff.", &[]),
        ],
        "BU2" => &[
            ("Contractors' diversity pledge", "Procurement", "Main contractors sign a pledge and report on it once a year.", &[]),
        ],
        "BU3" => &[
            ("Meet-the-buyer days for migrant entrepreneurs", "Economic development", "Events where small firms owned by migrants learn how to bid for city contracts.", &["employment"]),
            ("Supplier register open to social enterprises", "Procurement", "A simplified register for small and social enterprises.", &[]),
        ],
        "DC1" => &[
            ("Integration action plan adopted", "Strategy and policy", "The city's plan for the Charter, adopted by the council with a yearly review.", &[]),
        ],
        "DC2" => &[
            ("Yearly integration monitor", "Research and statistics", "A yearly report on the common indicators, published online.", &[]),
        ],
        "DC3" => &[
            ("Peer review with a partner city", "International relations", "A peer review of the city's welcome services with a partner city of the network.", &[]),
            ("Study visit on language learning", "International relations", "A study visit to learn from another city's language programme.", &["language_learning"]),
        ],
        "DC4" => &[
            ("Joint letter on funding for reception", "International relations", "With other cities, a letter to the national government on funding reception services.", &[]),
        ],
        _ => &[],
    }
}

/// Partners that actions name.
pub const PARTNERS: &[&str] = &[
    "Red Cross",
    "Chamber of Commerce",
    "University",
    "Public employment service",
    "Refugee council",
    "Housing association",
    "Adult education centre",
    "Migrant associations' forum",
];

/// What cities write in their check-ins.
pub const NARRATIVES: &[&str] = &[
    "On track; the first results are encouraging.",
    "Delayed by the budget cycle; we expect to catch up next quarter.",
    "More participants than planned, mostly women.",
    "We changed the approach after feedback from the users' panel.",
    "Completed; an evaluation will follow.",
    "Staff changes slowed us down; a new coordinator starts next month.",
    "",
];
