//! The front matter: masthead, sessional heading, title, summary and the draft note.

use crate::model::Front;

use super::{Consolidator, Options};
use crate::load::fields::Localized;

impl Consolidator<'_> {
    pub(super) fn front(&self, options: &Options) -> Front {
        let meeting = &self.project.meeting;
        let opt = |value: &Option<Localized>| {
            value
                .as_ref()
                .map(|v| self.text(v).to_string())
                .filter(|t| !t.is_empty())
        };
        let title = self.text(&self.spec.title).to_string();
        let summary = opt(&self.spec.summary)
            .map(|s| {
                s.split("\n\n")
                    .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Front {
            programme: self.text(&meeting.programme).to_string(),
            organizers: meeting.organizers.clone(),
            symbol: self.spec.full_symbol(),
            distribution: self.spec.distribution.clone(),
            date: self.spec.date,
            body: opt(&meeting.body),
            session: opt(&meeting.session),
            venue: opt(&meeting.venue),
            meeting_dates: meeting.dates,
            agenda_item: opt(&self.spec.agenda_item),
            short_title: opt(&self.spec.short_title).unwrap_or_else(|| title.clone()),
            title,
            subtitle: opt(&self.spec.subtitle),
            summary,
            draft_note: if options.is_final {
                None
            } else {
                self.draft_note(opt(&meeting.draft_note), &options.left_out)
            },
            preview: None,
        }
    }

    /// The meeting's note for drafts, then which contributions the draft leaves out.
    fn draft_note(&self, note: Option<String>, left_out: &[String]) -> Option<String> {
        let left_out = (!left_out.is_empty()).then(|| {
            self.labels
                .left_out
                .replace("{files}", &left_out.join(", "))
        });
        match (note, left_out) {
            (Some(note), Some(left_out)) => Some(format!("{note} {left_out}")),
            (note, left_out) => note.or(left_out),
        }
    }
}
