use super::*;
use crate::capture::survey::tests::sample;

fn meta() -> SurveyMeta {
    SurveyMeta {
        id: "postnatal-2026".into(),
        url: "https://hub.example/surveys/postnatal-2026".into(),
        title: "Your care after the birth".into(),
        status: "active".into(),
        publisher: "Riverside MNVP".into(),
        opens_on: Some("2026-01-01".into()),
        closes_on: Some("2026-03-31".into()),
    }
}

#[test]
fn export_then_import_gives_the_same_survey() {
    for one_per_page in [true, false] {
        let mut def = sample();
        def.one_per_page = one_per_page;
        let q = questionnaire(&def, &meta());
        let back = from_questionnaire(&q).unwrap();
        assert_eq!(back.definition, def, "one_per_page={one_per_page}");
        assert_eq!(back.title, "Your care after the birth");
        assert_eq!(back.opens_on.as_deref(), Some("2026-01-01"));
        assert_eq!(back.closes_on.as_deref(), Some("2026-03-31"));
        assert!(back.unsupported.is_empty(), "{:?}", back.unsupported);
    }
}

#[test]
fn questionnaire_fields_follow_fhir() {
    let q = questionnaire(&sample(), &meta());
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["status"], "active");
    assert_eq!(q["effectivePeriod"]["end"], "2026-03-31");
    let items = q["item"].as_array().unwrap();
    assert_eq!(items[0]["type"], "boolean");
    assert_eq!(items[0]["required"], true);
    assert_eq!(items[1]["type"], "integer");
    assert_eq!(items[1]["enableWhen"][0]["question"], "stayed");
    assert_eq!(items[1]["enableWhen"][0]["operator"], "=");
    assert_eq!(items[1]["enableWhen"][0]["answerBoolean"], true);
    assert_eq!(items[2]["type"], "choice");
    assert_eq!(items[2]["repeats"], true);
    assert_eq!(items[2]["enableWhen"][0]["answerInteger"], 1);
    assert_eq!(
        items[2]["answerOption"][1]["valueCoding"]["code"],
        "partner"
    );
    assert_eq!(items[3]["type"], "text");
}

#[test]
fn a_response_lists_answers_in_question_order_with_typed_values() {
    let def = sample();
    let mut a = Answers::new();
    a.insert("more".into(), vec!["Lovely staff".into()]);
    a.insert("stayed".into(), vec!["yes".into()]);
    a.insert("ward".into(), vec!["1".into()]);
    a.insert("help".into(), vec!["midwife".into(), "partner".into()]);
    let r = questionnaire_response(
        &def,
        "https://hub.example/surveys/x",
        "r7",
        "2026-02-01T10:00:00Z",
        &a,
    );
    assert_eq!(r["resourceType"], "QuestionnaireResponse");
    assert_eq!(r["status"], "completed");
    let items = r["item"].as_array().unwrap();
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["stayed", "ward", "help", "more"]);
    assert_eq!(items[0]["answer"][0]["valueBoolean"], true);
    assert_eq!(items[1]["answer"][0]["valueInteger"], 1);
    assert_eq!(
        items[2]["answer"][1]["valueCoding"]["display"],
        "My partner"
    );
    assert_eq!(items[3]["answer"][0]["valueString"], "Lovely staff");
    let b = bundle("b1", "2026-02-02T00:00:00Z", vec![r]);
    assert_eq!(b["type"], "collection");
    assert_eq!(b["entry"][0]["resource"]["id"], "r7");
}

#[test]
fn unsupported_parts_are_reported_not_dropped_silently() {
    let q = serde_json::json!({
        "resourceType": "Questionnaire",
        "title": "Imported",
        "item": [
            { "linkId": "a", "text": "Pick one", "type": "choice",
              "answerOption": [ { "valueString": "Good" }, { "valueString": "Bad" } ] },
            { "linkId": "b", "text": "Upload a photo", "type": "attachment" },
            { "linkId": "c", "text": "Why?", "type": "string",
              "enableWhen": [ { "question": "a", "operator": "!=", "answerString": "Good" } ] },
            { "linkId": "d", "text": "How many?", "type": "integer" },
            { "linkId": "g", "type": "group", "item": [
                { "linkId": "e", "text": "Bad because?", "type": "text",
                  "enableWhen": [ { "question": "a", "operator": "=", "answerString": "Bad" } ] } ] },
            { "linkId": "x", "text": "Ask", "type": "choice", "answerValueSet": "http://example.org/vs" }
        ]
    });
    let got = from_questionnaire(&q).unwrap();
    let ids: Vec<&str> = got
        .definition
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "c", "e"]);
    assert_eq!(got.definition.questions[0].options[1].code, "bad");
    assert_eq!(
        got.definition.questions[2].show_if,
        Some(Condition {
            question: "a".into(),
            answer: "bad".into()
        })
    );
    assert_eq!(got.definition.questions[1].show_if, None);
    let notes = got.unsupported.join("\n");
    for expected in [
        "\"b\": questions of type \"attachment\"",
        "\"c\": the condition operator",
        "\"d\": number questions",
        "\"g\": groups are not supported",
        "\"x\": a value set",
    ] {
        assert!(notes.contains(expected), "missing {expected:?} in\n{notes}");
    }
}

#[test]
fn unusable_input_is_refused_with_reasons() {
    let e = from_questionnaire(&serde_json::json!({ "resourceType": "Patient" })).unwrap_err();
    assert!(e[0].contains("not a FHIR Questionnaire"));
    let e = from_questionnaire(
        &serde_json::json!({ "resourceType": "Questionnaire", "title": "T", "item": [] }),
    )
    .unwrap_err();
    assert_eq!(e, vec!["Add at least one question"]);
    let e = from_questionnaire(&serde_json::json!({ "resourceType": "Questionnaire", "item": [] }))
        .unwrap_err();
    assert!(e[0].contains("no title"));
}
