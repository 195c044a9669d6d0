//! Surveys as FHIR R4: a definition exports as a `Questionnaire` and imports back from one,
//! and answers export as `QuestionnaireResponse`s in a `Bundle`, so a survey can move between
//! MNVP Hub and NHS systems that speak FHIR. Only what the survey builder can represent is
//! imported; everything else is reported, never silently dropped.
//!
//! Conventions (from FHIR R4 core and the Structured Data Capture guide): rating scales are
//! `integer` items with the `minValue`/`maxValue` extensions and `lower`/`upper` display
//! items for the end labels; hints are `display` items with the `help` item control; grouped
//! pages are `group` items with the `page` item control; conditions are `enableWhen` with `=`.

use super::survey::{
    code_for, valid_id, valid_iso_date, Answers, Choice, Condition, Question, QuestionKind, Scale,
    SurveyDefinition,
};
use serde_json::{json, Map, Value};

const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

/// What a Questionnaire carries besides the questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyMeta {
    /// The survey's slug, used as the resource id and `name`.
    pub id: String,
    /// The survey's public address, used as the canonical `url`.
    pub url: String,
    pub title: String,
    /// `draft` or `active`.
    pub status: String,
    pub publisher: String,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
}

/// A Questionnaire read back: the survey, and what could not be carried over.
#[derive(Debug, Clone)]
pub struct ImportedQuestionnaire {
    pub title: String,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub definition: SurveyDefinition,
    /// Parts of the Questionnaire that were left out or changed, one sentence each.
    pub unsupported: Vec<String>,
}

fn item_control(code: &str) -> Value {
    json!({
        "url": ITEM_CONTROL,
        "valueCodeableConcept": { "coding": [ { "system": ITEM_CONTROL_SYSTEM, "code": code } ] }
    })
}

fn display_item(link_id: String, text: &str, control: &str) -> Value {
    json!({ "linkId": link_id, "text": text, "type": "display", "extension": [item_control(control)] })
}

/// The FHIR answer value for one stored answer code of `q`.
fn answer_value(q: &Question, code: &str) -> Value {
    match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            json!({ "valueCoding": { "code": code, "display": q.label_of(code) } })
        }
        QuestionKind::Rating => match code.parse::<i64>() {
            Ok(n) => json!({ "valueInteger": n }),
            Err(_) => json!({ "valueString": code }),
        },
        QuestionKind::YesNo => json!({ "valueBoolean": code == "yes" }),
        QuestionKind::Date => json!({ "valueDate": code }),
        QuestionKind::FreeText => json!({ "valueString": code }),
    }
}

fn question_item(def: &SurveyDefinition, q: &Question) -> Value {
    let mut item = Map::new();
    item.insert("linkId".into(), json!(q.id));
    item.insert("text".into(), json!(q.text));
    let (kind, control) = match q.kind {
        QuestionKind::SingleChoice => ("choice", Some("radio-button")),
        QuestionKind::MultipleChoice => ("choice", Some("check-box")),
        QuestionKind::Rating => ("integer", Some("slider")),
        QuestionKind::FreeText => ("text", None),
        QuestionKind::Date => ("date", None),
        QuestionKind::YesNo => ("boolean", None),
    };
    item.insert("type".into(), json!(kind));
    item.insert("required".into(), json!(q.required));
    if q.kind == QuestionKind::MultipleChoice {
        item.insert("repeats".into(), json!(true));
    }
    if q.kind == QuestionKind::FreeText {
        item.insert("maxLength".into(), json!(super::survey::FREE_TEXT_MAX));
    }
    let mut extensions = Vec::new();
    if let Some(c) = control {
        extensions.push(item_control(c));
    }
    let mut children = Vec::new();
    if q.kind == QuestionKind::Rating {
        let s = q.scale.clone().unwrap_or_default();
        extensions.push(json!({ "url": MIN_VALUE, "valueInteger": s.min }));
        extensions.push(json!({ "url": MAX_VALUE, "valueInteger": s.max }));
        if !s.min_label.is_empty() {
            children.push(display_item(
                format!("{}.lower", q.id),
                &s.min_label,
                "lower",
            ));
        }
        if !s.max_label.is_empty() {
            children.push(display_item(
                format!("{}.upper", q.id),
                &s.max_label,
                "upper",
            ));
        }
    }
    if !extensions.is_empty() {
        item.insert("extension".into(), Value::Array(extensions));
    }
    if !q.options.is_empty() {
        let options: Vec<Value> = q
            .options
            .iter()
            .map(|o| json!({ "valueCoding": { "code": o.code, "display": o.label } }))
            .collect();
        item.insert("answerOption".into(), Value::Array(options));
    }
    if let Some(c) = &q.show_if {
        if let Some(target) = def.question(&c.question) {
            let mut when = answer_value(target, &c.answer);
            if let Some(obj) = when.as_object_mut() {
                // enableWhen names its value answer[x] rather than value[x].
                let renamed: Map<String, Value> = obj
                    .iter()
                    .map(|(k, v)| (k.replacen("value", "answer", 1), v.clone()))
                    .collect();
                *obj = renamed;
                if let Some(Value::Object(coding)) = obj.get_mut("answerCoding") {
                    coding.remove("display");
                }
                obj.insert("question".into(), json!(c.question));
                obj.insert("operator".into(), json!("="));
            }
            item.insert("enableWhen".into(), json!([when]));
        }
    }
    if !q.hint.is_empty() {
        children.insert(0, display_item(format!("{}.help", q.id), &q.hint, "help"));
    }
    if !children.is_empty() {
        item.insert("item".into(), Value::Array(children));
    }
    Value::Object(item)
}

/// The survey as a FHIR R4 Questionnaire resource.
pub fn questionnaire(def: &SurveyDefinition, meta: &SurveyMeta) -> Value {
    let questions = |indexes: &[usize]| -> Vec<Value> {
        indexes
            .iter()
            .map(|&i| question_item(def, &def.questions[i]))
            .collect()
    };
    let items: Vec<Value> = if def.one_per_page {
        questions(&(0..def.questions.len()).collect::<Vec<_>>())
    } else {
        def.pages()
            .iter()
            .enumerate()
            .map(|(n, page)| {
                json!({
                    "linkId": format!("page-{}", n + 1),
                    "type": "group",
                    "extension": [item_control("page")],
                    "item": questions(page),
                })
            })
            .collect()
    };
    let mut q = json!({
        "resourceType": "Questionnaire",
        "id": meta.id,
        "url": meta.url,
        "name": meta.id.replace('-', "_"),
        "title": meta.title,
        "status": meta.status,
        "publisher": meta.publisher,
        "subjectType": ["Patient"],
        "item": items,
    });
    if !def.description.is_empty() {
        q["description"] = json!(def.description);
    }
    if meta.opens_on.is_some() || meta.closes_on.is_some() {
        let mut period = Map::new();
        if let Some(s) = &meta.opens_on {
            period.insert("start".into(), json!(s));
        }
        if let Some(e) = &meta.closes_on {
            period.insert("end".into(), json!(e));
        }
        q["effectivePeriod"] = Value::Object(period);
    }
    q
}

/// One person's answers as a FHIR R4 QuestionnaireResponse, in the survey's question order.
pub fn questionnaire_response(
    def: &SurveyDefinition,
    questionnaire_url: &str,
    id: &str,
    authored: &str,
    answers: &Answers,
) -> Value {
    let items: Vec<Value> = def
        .questions
        .iter()
        .filter_map(|q| {
            let values = answers.get(&q.id).filter(|v| !v.is_empty())?;
            Some(json!({
                "linkId": q.id,
                "text": q.text,
                "answer": values.iter().map(|v| answer_value(q, v)).collect::<Vec<_>>(),
            }))
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "questionnaire": questionnaire_url,
        "status": "completed",
        "authored": authored,
        "item": items,
    })
}

/// Resources gathered into a FHIR `collection` Bundle.
pub fn bundle(id: &str, timestamp: &str, resources: Vec<Value>) -> Value {
    json!({
        "resourceType": "Bundle",
        "id": id,
        "type": "collection",
        "timestamp": timestamp,
        "entry": resources.into_iter().map(|r| json!({ "resource": r })).collect::<Vec<_>>(),
    })
}

fn controls(item: &Value) -> Vec<String> {
    item["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["url"] == ITEM_CONTROL)
        .flat_map(|e| {
            e["valueCodeableConcept"]["coding"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|c| c["code"].as_str().map(str::to_string))
        .collect()
}

fn extension_int(item: &Value, url: &str) -> Option<i64> {
    item["extension"]
        .as_array()?
        .iter()
        .find(|e| e["url"] == url)?["valueInteger"]
        .as_i64()
}

fn text_of(v: &Value) -> String {
    v.as_str().unwrap_or("").trim().to_string()
}

/// A date or dateTime cut to its date, if it is one.
fn date_of(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let d = s.get(..10)?;
    valid_iso_date(d).then(|| d.to_string())
}

/// Reads a Questionnaire into a survey. Errors (nothing usable, not a Questionnaire) come back
/// as a list of sentences; otherwise the survey and what was left out or changed.
pub fn from_questionnaire(v: &Value) -> Result<ImportedQuestionnaire, Vec<String>> {
    if v["resourceType"] != "Questionnaire" {
        let found = v["resourceType"].as_str().unwrap_or("something else");
        return Err(vec![format!(
            "This is not a FHIR Questionnaire (its resourceType is {found:?})"
        )]);
    }
    let mut unsupported = Vec::new();
    let title = match (text_of(&v["title"]), text_of(&v["name"])) {
        (t, _) if !t.is_empty() => t,
        (_, n) if !n.is_empty() => n.replace('_', " "),
        _ => return Err(vec!["The Questionnaire has no title or name".into()]),
    };
    let mut reader = Reader {
        unsupported: &mut unsupported,
        questions: Vec::new(),
        renamed: Vec::new(),
        grouped: false,
    };
    for item in v["item"].as_array().into_iter().flatten() {
        reader.read(item, None);
    }
    let grouped = reader.grouped;
    let renamed = std::mem::take(&mut reader.renamed);
    let mut questions = std::mem::take(&mut reader.questions);
    // Conditions refer to linkIds; follow any that were renamed and drop any that point at
    // something not imported or later.
    for i in 0..questions.len() {
        let Some(mut c) = questions[i].show_if.clone() else {
            continue;
        };
        if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == c.question) {
            c.question = new.clone();
        }
        let ok = questions[..i]
            .iter()
            .find(|p| p.id == c.question)
            .is_some_and(|p| p.kind.is_closed() && p.codes().contains(&c.answer));
        if ok {
            questions[i].show_if = Some(c);
        } else {
            questions[i].show_if = None;
            unsupported.push(format!(
                "Question {:?}: its condition refers to a question or answer that was not imported, so it is always shown",
                questions[i].id
            ));
        }
    }
    let definition = SurveyDefinition {
        description: text_of(&v["description"]),
        one_per_page: !grouped,
        questions,
    };
    let problems = definition.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    for (field, what) in [
        ("contained", "contained resources"),
        ("derivedFrom", "derivedFrom"),
    ] {
        if !v[field].is_null() {
            unsupported.push(format!("The Questionnaire's {what} were not carried over"));
        }
    }
    Ok(ImportedQuestionnaire {
        title,
        opens_on: date_of(&v["effectivePeriod"]["start"]),
        closes_on: date_of(&v["effectivePeriod"]["end"]),
        definition,
        unsupported,
    })
}

struct Reader<'a> {
    unsupported: &'a mut Vec<String>,
    questions: Vec<Question>,
    /// linkIds that were not usable as question ids, and what they became.
    renamed: Vec<(String, String)>,
    grouped: bool,
}

impl Reader<'_> {
    fn note(&mut self, link: &str, what: impl Into<String>) {
        self.unsupported
            .push(format!("Item {link:?}: {}", what.into()));
    }

    fn read(&mut self, item: &Value, page: Option<&str>) {
        let link = text_of(&item["linkId"]);
        let kind = item["type"].as_str().unwrap_or("");
        match kind {
            "group" => {
                let is_page = controls(item).iter().any(|c| c == "page");
                let children = item["item"].as_array().cloned().unwrap_or_default();
                if is_page && page.is_none() {
                    // Pages of grouped questions: the survey groups questions on a page.
                    self.grouped = true;
                } else {
                    self.note(&link, "groups are not supported, so its questions were added in order without the group");
                }
                if !item["enableWhen"].is_null() {
                    self.note(&link, "a condition on a group is not supported, so its questions are always shown");
                }
                for child in &children {
                    self.read(child, Some(&link));
                }
            }
            "display" => {
                self.note(
                    &link,
                    "text without a question (display) was not carried over",
                );
            }
            _ => {
                if let Some(q) = self.question(item, &link, kind) {
                    self.questions.push(q);
                }
            }
        }
    }

    fn question(&mut self, item: &Value, link: &str, kind: &str) -> Option<Question> {
        let repeats = item["repeats"].as_bool().unwrap_or(false);
        let kind = match kind {
            "choice" | "open-choice" if repeats => QuestionKind::MultipleChoice,
            "choice" | "open-choice" => QuestionKind::SingleChoice,
            "integer" => QuestionKind::Rating,
            "text" | "string" => QuestionKind::FreeText,
            "date" => QuestionKind::Date,
            "dateTime" => {
                self.note(
                    link,
                    "a date and time question was imported as a date question",
                );
                QuestionKind::Date
            }
            "boolean" => QuestionKind::YesNo,
            other => {
                self.note(
                    link,
                    format!("questions of type {other:?} are not supported, so it was left out"),
                );
                return None;
            }
        };
        if item["type"] == "open-choice" {
            self.note(link, "the typed 'other' answer of an open-choice question is not supported; only the listed options are offered");
        }
        let text = text_of(&item["text"]);
        if text.is_empty() {
            self.note(link, "it has no question text, so it was left out");
            return None;
        }
        let id = if valid_id(link) && !self.questions.iter().any(|q| q.id == link) {
            link.to_string()
        } else {
            let new = (1..)
                .map(|n| format!("q{n}"))
                .find(|id| !self.questions.iter().any(|q| &q.id == id) && id != link)
                .unwrap_or_default();
            self.note(
                link,
                format!("its linkId was not usable or repeated, so it became {new:?}"),
            );
            self.renamed.push((link.to_string(), new.clone()));
            new
        };
        for (field, what) in [
            ("initial", "a default answer"),
            ("readOnly", "read-only"),
            ("answerValueSet", "a value set of answers"),
            ("code", "coded question concepts"),
        ] {
            let absent = item[field].is_null() || (field == "readOnly" && item[field] == false);
            if !absent {
                self.note(link, format!("{what} is not supported and was ignored"));
            }
        }
        let mut q = Question {
            id,
            text,
            hint: String::new(),
            kind,
            options: Vec::new(),
            scale: None,
            required: item["required"].as_bool().unwrap_or(false),
            show_if: None,
        };
        for child in item["item"].as_array().into_iter().flatten() {
            let ctl = controls(child);
            let t = text_of(&child["text"]);
            match ctl.first().map(String::as_str) {
                Some("help" | "flyover" | "legal") if child["type"] == "display" => q.hint = t,
                Some("lower") if kind == QuestionKind::Rating => {
                    q.scale.get_or_insert_with(blank_scale).min_label = t
                }
                Some("upper") if kind == QuestionKind::Rating => {
                    q.scale.get_or_insert_with(blank_scale).max_label = t
                }
                _ => self.note(
                    link,
                    "questions nested under a question are not supported and were left out",
                ),
            }
        }
        if kind == QuestionKind::Rating {
            let (min, max) = (
                extension_int(item, MIN_VALUE),
                extension_int(item, MAX_VALUE),
            );
            match (min, max) {
                (Some(min), Some(max))
                    if (0..=10).contains(&min) && (0..=10).contains(&max) && max > min =>
                {
                    let s = q.scale.get_or_insert_with(blank_scale);
                    s.min = min as i32;
                    s.max = max as i32;
                }
                _ => {
                    self.note(link, "number questions are supported only as rating scales with minValue and maxValue between 0 and 10, so it was left out");
                    return None;
                }
            }
        }
        if matches!(
            kind,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        ) {
            for opt in item["answerOption"].as_array().into_iter().flatten() {
                let taken: Vec<String> = q.options.iter().map(|o| o.code.clone()).collect();
                let (code, label) = if let Some(c) = opt.get("valueCoding") {
                    let label = text_of(&c["display"]);
                    let code = text_of(&c["code"]);
                    let label = if label.is_empty() {
                        code.clone()
                    } else {
                        label
                    };
                    (code, label)
                } else if let Some(s) = opt["valueString"].as_str() {
                    (code_for(s, &taken), s.trim().to_string())
                } else if let Some(n) = opt["valueInteger"].as_i64() {
                    (n.to_string(), n.to_string())
                } else if let Some(d) = opt["valueDate"].as_str() {
                    (d.to_string(), d.to_string())
                } else {
                    self.note(link, "an answer option of an unsupported kind was left out");
                    continue;
                };
                let code = if valid_id(&code) && !taken.contains(&code) {
                    code
                } else {
                    code_for(&label, &taken)
                };
                q.options.push(Choice { code, label });
            }
            if q.options.len() < 2 {
                self.note(link, "a choice question needs at least two answerOptions listed in the Questionnaire, so it was left out");
                return None;
            }
        }
        q.show_if = self.condition(item, link);
        Some(q)
    }

    fn condition(&mut self, item: &Value, link: &str) -> Option<Condition> {
        let whens = item["enableWhen"].as_array()?;
        if whens.len() > 1 {
            self.note(
                link,
                "more than one enableWhen condition is not supported, so it is always shown",
            );
            return None;
        }
        let w = &whens[0];
        if w["operator"] != "=" {
            self.note(
                link,
                format!(
                    "the condition operator {} is not supported (only =), so it is always shown",
                    w["operator"]
                ),
            );
            return None;
        }
        let answer = if let Some(c) = w.get("answerCoding") {
            text_of(&c["code"])
        } else if let Some(b) = w["answerBoolean"].as_bool() {
            if b {
                "yes".into()
            } else {
                "no".into()
            }
        } else if let Some(n) = w["answerInteger"].as_i64() {
            n.to_string()
        } else if let Some(s) = w["answerString"].as_str() {
            // Matched against the option labels below, once the target is known.
            format!("label:{s}")
        } else {
            self.note(link, "its condition compares a kind of answer that is not supported, so it is always shown");
            return None;
        };
        let question = text_of(&w["question"]);
        let answer = match answer.strip_prefix("label:") {
            Some(label) => self
                .questions
                .iter()
                .find(|q| q.id == question)
                .and_then(|q| q.options.iter().find(|o| o.label == label))
                .map(|o| o.code.clone())
                .unwrap_or_default(),
            None => answer,
        };
        Some(Condition { question, answer })
    }
}

fn blank_scale() -> Scale {
    Scale {
        min: 1,
        max: 5,
        min_label: String::new(),
        max_label: String::new(),
    }
}

#[cfg(test)]
mod tests;
