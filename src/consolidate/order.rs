//! Which version of each contribution a document shows, and in which order: countries in
//! alphabetical order of their names, case studies by country name then title, alphabetical
//! as ICU collates a language: the meeting's first language for every language version, so
//! that a paragraph carries the same number in all of them ([`Order::SameInAllLanguages`]),
//! or each version's own language in the UN form for replies from States.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

use crate::diag::Pos;
use crate::load::contribution::{Contribution, Kind};
use crate::load::document::Order;

use super::Consolidator;

/// Alphabetical order in one language, as ICU collates it: CLDR's rules for the language
/// (Kazakh ә after а, Azerbaijani ç after c, …) and the root order for letters it does not
/// tailor, so that every letter has its place; ties broken by code points, so the order is
/// total and builds are reproducible.
pub struct Collation {
    collator: Option<CollatorBorrowed<'static>>,
}

impl Collation {
    /// The collation of a language code such as `en`, `ru` or `kk`; the root order when ICU
    /// does not know the language.
    pub fn new(lang: &str) -> Collation {
        let locale = Locale::try_from_str(lang).unwrap_or(Locale::UNKNOWN);
        let collator = Collator::try_new(locale.into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Locale::UNKNOWN.into(), CollatorOptions::default()))
            .ok();
        Collation { collator }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(collator) => collator.compare(a, b).then_with(|| a.cmp(b)),
            None => a.cmp(b),
        }
    }
}

impl<'a> Consolidator<'a> {
    /// The version of a contribution to show in this language: its own translation, else the
    /// original-language text, else whichever exists; a fallback is reported.
    pub(super) fn version_of(&mut self, kind: Kind, id: &str) -> Option<&'a Contribution> {
        let versions: Vec<&'a Contribution> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == kind && c.id.value == id)
            .collect();
        if let Some(own) = versions.iter().find(|c| c.language.value == self.lang) {
            return Some(own);
        }
        let chosen = versions
            .iter()
            .find(|c| c.language.value == self.original)
            .or(versions.first())
            .copied()?;
        self.diags.warning(
            &chosen.file,
            Pos::new(1, 1),
            format!(
                "no \"{}\" version of this {}; its \"{}\" text is used in the \"{}\" documents",
                self.lang,
                kind.name(),
                chosen.language.value,
                self.lang
            ),
        );
        Some(chosen)
    }

    /// The collation that orders contributions, and the language whose names it compares.
    fn ordering(&self, order: Order) -> (&Collation, &'a str) {
        match order {
            Order::SameInAllLanguages => (&self.original_collation, self.original),
            Order::RepliesFromStates => (&self.collation, self.lang),
        }
    }

    /// One country input per country, in alphabetical order of the country's name.
    pub(super) fn country_inputs(&mut self, order: Order) -> Vec<&'a Contribution> {
        let mut codes: Vec<String> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CountryInput)
            .map(|c| c.id.value.clone())
            .collect();
        codes.sort();
        codes.dedup();
        let mut inputs: Vec<&'a Contribution> = codes
            .iter()
            .filter_map(|code| self.version_of(Kind::CountryInput, code))
            .collect();
        let (collation, lang) = self.ordering(order);
        let meeting = &self.project.meeting;
        inputs.sort_by(|a, b| {
            collation.compare(
                &meeting.country_name(&a.id.value, lang),
                &meeting.country_name(&b.id.value, lang),
            )
        });
        inputs
    }

    /// Case studies with one of `filter`'s themes (all when empty), by country name then title.
    pub(super) fn case_studies(&mut self, filter: &[&str], order: Order) -> Vec<&'a Contribution> {
        let mut ids: Vec<String> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CaseStudy)
            .filter(|c| {
                filter.is_empty() || c.themes.iter().any(|t| filter.contains(&t.value.as_str()))
            })
            .map(|c| c.id.value.clone())
            .collect();
        ids.sort();
        ids.dedup();
        let versions: Vec<&'a Contribution> = ids
            .iter()
            .filter_map(|id| self.version_of(Kind::CaseStudy, id))
            .collect();
        let (collation, lang) = self.ordering(order);
        let meeting = &self.project.meeting;
        let mut studies: Vec<(String, String, &'a Contribution)> = versions
            .into_iter()
            .map(|c| {
                let country = c
                    .countries
                    .first()
                    .map(|k| meeting.country_name(&k.value, lang))
                    .unwrap_or_default();
                // The title as that language's version has it, so that every version sorts
                // alike.
                let title = self
                    .project
                    .contributions
                    .iter()
                    .find(|v| {
                        v.kind == Kind::CaseStudy
                            && v.id.value == c.id.value
                            && v.language.value == lang
                    })
                    .unwrap_or(c)
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default();
                (country, title, c)
            })
            .collect();
        studies.sort_by(|a, b| {
            collation
                .compare(&a.0, &b.0)
                .then_with(|| collation.compare(&a.1, &b.1))
                .then_with(|| a.2.id.value.cmp(&b.2.id.value))
        });
        studies.into_iter().map(|(_, _, c)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Collation;

    fn sorted<'s>(lang: &str, names: &[&'s str]) -> Vec<&'s str> {
        let collation = Collation::new(lang);
        let mut names = names.to_vec();
        names.sort_by(|a, b| collation.compare(a, b));
        names
    }

    /// Asserts that `expected`, given in reverse, sorts back into `expected` in `lang`.
    #[track_caller]
    fn assert_sorts(lang: &str, expected: &[&str]) {
        let mut reversed = expected.to_vec();
        reversed.reverse();
        assert_eq!(sorted(lang, &reversed), expected);
    }

    #[test]
    fn kazakh_letters_follow_the_kazakh_alphabet() {
        // А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я
        let expected = [
            "Ақпарат",
            "Алма",
            "Әлем",
            "Бай",
            "Газ",
            "Ғылым",
            "Кітап",
            "Қала",
            "Нан",
            "Орда",
            "Өнер",
            "Уақыт",
            "Ұлт",
            "Үміт",
            "Ыстық",
            "Іс",
        ];
        let mut shuffled = expected.to_vec();
        shuffled.reverse();
        shuffled.swap(0, 7);
        assert_eq!(sorted("kk", &shuffled), expected);
    }

    #[test]
    fn kazakh_names_in_a_russian_document_stand_beside_their_base_letters() {
        // The hand-written order this replaced put every ә, қ, ң, ө, ү, ұ after я.
        let expected = [
            "Ақпарат",
            "Әлем",
            "Бай",
            "Еда",
            "Ёлка",
            "Кітап",
            "Қала",
            "Өнер",
            "Яблоко",
        ];
        assert_sorts("ru", &expected);
    }

    #[test]
    fn uzbek_and_azerbaijani_letters_follow_their_alphabets() {
        // Uzbek: … X Y Z Oʻ Gʻ Sh Ch Ng.
        let uzbek = [
            "Navoiy",
            "Olmaliq",
            "Qarshi",
            "Samarqand",
            "Xiva",
            "Yangiyer",
            "Zarafshon",
            "Oʻzbekiston",
            "Gʻijduvon",
            "Shahrisabz",
            "Chorsu",
        ];
        assert_sorts("uz", &uzbek);
        // Azerbaijani: A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z.
        let azerbaijani = [
            "Cəlilabad",
            "Çinar",
            "Ehtiyat",
            "Əli",
            "Gəncə",
            "Həyat",
            "Xaçmaz",
            "İsmayıllı",
            "Sumqayıt",
            "Şəki",
        ];
        assert_sorts("az", &azerbaijani);
    }

    #[test]
    fn accented_latin_letters_sort_with_their_base_letter_in_english() {
        let expected = ["Nadia", "Ñandú", "Oslo", "Zeta", "Žilina"];
        assert_sorts("en", &expected);
        // A language ICU does not know still sorts, by the root order.
        assert_eq!(sorted("xx-not-a-tag!", &["b", "a"]), ["a", "b"]);
    }
}
