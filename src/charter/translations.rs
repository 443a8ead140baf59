//! The Charter in other languages. A framework is adopted in one language (the EUROCITIES
//! Charter in English); `config/charters/<framework>.<lang>.toml` may carry its roles and
//! commitments in another language. A translation the network did not adopt says
//! `official = false`, and pages label it "Unofficial translation"; where a language has no
//! translation the adopted wording is shown, marked with its language (`lang="en"`).
//!
//! Translations are configuration, read once at start-up (`load`) like the message files: they
//! are not stored in the database, and they never change what actions point at (codes).

use super::FrameworkFile;
use crate::i18n::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::RwLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFile {
    pub framework: String,
    /// Whether the network adopted this wording (false: an unofficial translation).
    #[serde(default)]
    pub official: bool,
    pub title: Option<String>,
    #[serde(default)]
    pub roles: BTreeMap<String, RoleWording>,
    #[serde(default)]
    pub commitments: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleWording {
    pub title: Option<String>,
    pub preamble: Option<String>,
}

/// A piece of framework text in the words a page can show: the translation, or the adopted
/// wording with its language.
#[derive(Clone, Debug, PartialEq)]
pub struct Wording {
    pub text: String,
    /// The language the text is in (`en` for the adopted English wording on a French page).
    pub lang: &'static str,
    /// A translation the network did not adopt.
    pub unofficial: bool,
}

static LOADED: RwLock<Option<HashMap<(String, Lang), TranslationFile>>> = RwLock::new(None);

/// Whether a charters-folder file name is a translation (`<code>.<lang>.toml`).
pub fn is_translation(name: &str) -> bool {
    name.strip_suffix(".toml")
        .and_then(|stem| stem.rsplit_once('.'))
        .is_some_and(|(_, tag)| Lang::from_tag(tag).is_some_and(|l| Lang::OFFERED.contains(&l) && l != Lang::En))
}

/// Reads the translations beside the framework files (built in, replaced or added to from
/// `override_dir`), checks each names a framework and only its codes, and keeps them.
pub fn load(override_dir: &Path, frameworks: &[(String, FrameworkFile)]) -> anyhow::Result<()> {
    let sources = super::loader::sources(override_dir, is_translation)?;
    let mut all = HashMap::new();
    for (name, text) in sources {
        let f: TranslationFile =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("charter translation {name}: {e}"))?;
        let tag = name.trim_end_matches(".toml").rsplit_once('.').map(|(_, t)| t).unwrap_or("");
        let lang = Lang::from_tag(tag).expect("is_translation checked the language");
        let Some((_, fw)) = frameworks.iter().find(|(_, fw)| fw.code == f.framework) else {
            anyhow::bail!("charter translation {name}: there is no framework `{}`", f.framework);
        };
        for code in f.roles.keys() {
            if !fw.roles.iter().any(|r| &r.code == code) {
                anyhow::bail!("charter translation {name}: framework `{}` has no role `{code}`", f.framework);
            }
        }
        for code in f.commitments.keys() {
            if !fw.roles.iter().flat_map(|r| &r.commitments).any(|c| &c.code == code) {
                anyhow::bail!("charter translation {name}: framework `{}` has no commitment `{code}`", f.framework);
            }
        }
        all.insert((f.framework.clone(), lang), f);
    }
    *LOADED.write().unwrap_or_else(|e| e.into_inner()) = Some(all);
    Ok(())
}

fn wording(framework: &str, lang: Lang, adopted: &str, pick: impl Fn(&TranslationFile) -> Option<&String>) -> Wording {
    let adopted_wording = Wording { text: adopted.to_string(), lang: "en", unofficial: false };
    if matches!(lang, Lang::En | Lang::Pseudo) {
        return adopted_wording;
    }
    let loaded = LOADED.read().unwrap_or_else(|e| e.into_inner());
    match loaded.as_ref().and_then(|all| all.get(&(framework.to_string(), lang))) {
        Some(f) => match pick(f) {
            Some(text) => Wording { text: text.clone(), lang: lang.tag(), unofficial: !f.official },
            None => adopted_wording,
        },
        None => adopted_wording,
    }
}

/// A commitment's text in `lang` (`adopted`: the framework's own wording).
pub fn commitment(framework: &str, code: &str, adopted: &str, lang: Lang) -> Wording {
    wording(framework, lang, adopted, |f| f.commitments.get(code))
}

/// A role's title in `lang`.
pub fn role_title(framework: &str, code: &str, adopted: &str, lang: Lang) -> Wording {
    wording(framework, lang, adopted, |f| f.roles.get(code).and_then(|r| r.title.as_ref()))
}

/// A role's preamble in `lang`.
pub fn role_preamble(framework: &str, code: &str, adopted: &str, lang: Lang) -> Wording {
    wording(framework, lang, adopted, |f| f.roles.get(code).and_then(|r| r.preamble.as_ref()))
}

/// A framework's title in `lang`.
pub fn framework_title(framework: &str, adopted: &str, lang: Lang) -> Wording {
    wording(framework, lang, adopted, |f| f.title.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_translations_load_and_are_labelled_unofficial() {
        let frameworks = super::super::loader::read_files(Path::new("/nonexistent")).unwrap();
        load(Path::new("/nonexistent"), &frameworks).unwrap();
        let fw = "eurocities-integrating-cities";
        let fr = commitment(fw, "PM2", "Ensure equal access and non-discrimination across all our policies.", Lang::Fr);
        assert!(fr.text.starts_with("Garantir l’égalité d’accès") && fr.unofficial && fr.lang == "fr", "{fr:?}");
        let de = role_title(fw, "EM", "Employer", Lang::De);
        assert_eq!((de.text.as_str(), de.unofficial), ("Arbeitgeberin", true));
        let en = commitment(fw, "PM2", "Adopted words", Lang::En);
        assert_eq!((en.text.as_str(), en.lang, en.unofficial), ("Adopted words", "en", false));
        let other = commitment("icc-lisbon-declaration", "X1", "Words", Lang::Fr);
        assert_eq!(
            (other.text.as_str(), other.lang),
            ("Words", "en"),
            "no translation: the adopted words, marked English"
        );
        assert!(is_translation("x.fr.toml") && !is_translation("x.toml") && !is_translation("x.indicators.toml"));
        // Every commitment and role of the Charter is translated in both files.
        for (_, f) in frameworks.iter().filter(|(_, f)| f.code == fw) {
            for r in &f.roles {
                for lang in [Lang::Fr, Lang::De] {
                    assert!(role_title(fw, &r.code, &r.title, lang).unofficial, "{} {:?}", r.code, lang);
                    for c in &r.commitments {
                        assert!(commitment(fw, &c.code, &c.text, lang).unofficial, "{} {:?}", c.code, lang);
                    }
                }
            }
        }
    }
}
