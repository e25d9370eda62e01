//! The annex tables: indicators (one row per country, one column per indicator, sources and
//! missing values in notes under it) and the index of case studies.

use crate::load::contribution::{Contribution, Kind};
use crate::load::document::ChartSpec;
use crate::model::{Align, Bar, Chart, Inline, Table};

use super::Consolidator;

impl<'a> Consolidator<'a> {
    pub(super) fn indicator_table(&self, ids: &[&str]) -> Table {
        let meeting = &self.project.meeting;
        let indicators: Vec<_> = ids.iter().filter_map(|id| meeting.indicator(id)).collect();
        let mut header = vec![vec![Inline::Text(self.labels.country.clone())]];
        for indicator in &indicators {
            let mut label = self.text(&indicator.label).to_string();
            if let Some(unit) = &indicator.unit {
                label.push_str(&format!(" ({})", self.text(unit)));
            }
            header.push(vec![Inline::Text(label)]);
        }
        let countries = self.countries_in_order();
        let mut rows = Vec::new();
        let mut sources: Vec<Vec<String>> = vec![Vec::new(); indicators.len()];
        let mut any_missing = false;
        for (name, code) in &countries {
            let input = self.indicator_source(code);
            let mut row = vec![vec![Inline::Text(name.clone())]];
            for (i, indicator) in indicators.iter().enumerate() {
                let value =
                    input.and_then(|c| c.indicators.iter().find(|v| v.id.value == indicator.id));
                match value {
                    Some(v) => {
                        let value = crate::model::numbers::figure(&v.value, self.lang);
                        let text = match v.year {
                            Some(year) => format!("{value} ({year})"),
                            None => value,
                        };
                        row.push(vec![Inline::Text(text)]);
                        if let Some(source) = &v.source
                            && !sources[i].contains(source)
                        {
                            sources[i].push(source.clone());
                        }
                    }
                    None => {
                        any_missing = true;
                        row.push(vec![Inline::Text("..".into())]);
                    }
                }
            }
            rows.push(row);
        }
        let mut notes = Vec::new();
        let described: Vec<String> = indicators
            .iter()
            .zip(&sources)
            .filter(|(_, s)| !s.is_empty())
            .map(|(indicator, s)| format!("{}: {}", self.text(&indicator.label), s.join("; ")))
            .collect();
        if !described.is_empty() {
            let label = if described.len() == 1 {
                &self.labels.source
            } else {
                &self.labels.sources
            };
            notes.push(vec![
                Inline::Emph(vec![Inline::Text(format!("{label}:"))]),
                Inline::Text(format!(" {}.", described.join(". "))),
            ]);
        }
        if any_missing {
            notes.push(vec![Inline::Text(format!(
                ".. = {}.",
                self.labels.not_available
            ))]);
        }
        let mut align = vec![Align::Left];
        align.extend(indicators.iter().map(|_| Align::Right));
        Table {
            align,
            header,
            rows,
            notes,
        }
    }

    /// A bar chart of an indicator: the figures the indicators annex shows (the latest value of
    /// each country that reported it), countries in the language's order. `None`, with a
    /// warning, when no country reported it.
    pub(super) fn chart(&mut self, spec: &ChartSpec) -> Option<Chart> {
        let meeting = &self.project.meeting;
        let indicator = meeting.indicator(&spec.indicator.value)?;
        let label = self.text(&indicator.label).to_string();
        let unit = indicator
            .unit
            .as_ref()
            .map(|u| self.text(u).to_string())
            .unwrap_or_default();
        let countries = self.countries_in_order();
        let mut bars = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for (name, code) in countries {
            let reported = self
                .indicator_source(code)
                .and_then(|c| c.indicators.iter().find(|v| v.id.value == indicator.id));
            let Some(v) = reported else { continue };
            let Some(value) = v.value.trim().parse::<f64>().ok().filter(|x| x.is_finite()) else {
                continue;
            };
            if let Some(source) = &v.source
                && !sources.contains(source)
            {
                sources.push(source.clone());
            }
            bars.push(Bar {
                label: name,
                value,
                shown: crate::model::numbers::figure(&v.value, self.lang),
                year: v.year,
            });
        }
        if bars.is_empty() {
            self.diags
                .warning(
                    &self.spec.file,
                    spec.indicator.pos,
                    format!(
                        "no country reported \"{}\": the chart is left out",
                        indicator.id
                    ),
                )
                .hint("country inputs report it under `indicators:` in their front matter");
            return None;
        }
        let mut alt = label.clone();
        if !unit.is_empty() {
            alt.push_str(&format!(", {unit}"));
        }
        let values: Vec<String> = bars
            .iter()
            .map(|b| match b.year {
                Some(year) => format!("{} {} ({year})", b.label, b.shown),
                None => format!("{} {}", b.label, b.shown),
            })
            .collect();
        alt.push_str(&format!(
            ", {}: {}",
            self.labels.latest_year,
            values.join(", ")
        ));
        let source = if sources.is_empty() {
            Vec::new()
        } else {
            let word = if sources.len() == 1 {
                &self.labels.source
            } else {
                &self.labels.sources
            };
            vec![
                Inline::Emph(vec![Inline::Text(format!("{word}:"))]),
                Inline::Text(format!(" {}.", sources.join("; "))),
            ]
        };
        self.figures += 1;
        Some(Chart {
            number: self.figures,
            title: spec
                .title
                .as_ref()
                .map_or(label, |t| self.text(t).to_string()),
            unit,
            bars,
            source,
            alt,
            label: spec.label.as_ref().map(|l| l.value.clone()),
        })
    }

    /// The meeting's countries by name in the document's language, with their codes: the
    /// order of the indicators annex and of charts.
    fn countries_in_order(&self) -> Vec<(String, &'a str)> {
        let mut countries: Vec<(String, &'a str)> = self
            .project
            .meeting
            .countries
            .iter()
            .map(|c| (self.country_name(&c.code), c.code.as_str()))
            .collect();
        countries.sort_by(|a, b| self.collation.compare(&a.0, &b.0));
        countries
    }

    /// The country input whose indicator figures count: the original-language one, else any.
    pub(super) fn indicator_source(&self, code: &str) -> Option<&'a Contribution> {
        let inputs = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CountryInput && c.id.value == code);
        let inputs: Vec<_> = inputs.collect();
        inputs
            .iter()
            .find(|c| c.language.value == self.original)
            .or(inputs.first())
            .copied()
    }

    pub(super) fn case_study_index(&self, studies: &[&Contribution]) -> Table {
        let header = [
            &self.labels.title,
            &self.labels.country,
            &self.labels.organization,
            &self.labels.themes,
        ]
        .iter()
        .map(|l| vec![Inline::Text(l.to_string())])
        .collect();
        let rows = studies
            .iter()
            .map(|c| {
                let mut title = vec![Inline::Strong(vec![Inline::Text(
                    c.title
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                )])];
                if let Some(summary) = &c.summary {
                    title.push(Inline::LineBreak);
                    title.push(Inline::Text(
                        summary.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
                }
                let countries = c
                    .countries
                    .iter()
                    .map(|k| self.country_name(&k.value))
                    .collect::<Vec<_>>()
                    .join(", ");
                let themes = c
                    .themes
                    .iter()
                    .filter_map(|t| self.project.meeting.theme(&t.value))
                    .map(|t| self.text(&t.title).to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    title,
                    vec![Inline::Text(countries)],
                    vec![Inline::Text(c.organization.clone().unwrap_or_default())],
                    vec![Inline::Text(themes)],
                ]
            })
            .collect();
        Table {
            align: vec![Align::Left; 4],
            header,
            rows,
            notes: Vec::new(),
        }
    }
}
