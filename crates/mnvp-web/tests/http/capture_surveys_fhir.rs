//! Surveys over HTTP: the FHIR R4 Questionnaire round trip and the QuestionnaireResponse and
//! results exports hold field by field.

use crate::capture_surveys::{build, publish, submit};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

crate::both_engines!(fhir_round_trip_and_exports);

async fn fhir_round_trip_and_exports(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let id = build(&lead, "round-trip").await;
    publish(&lead, id).await;
    let res = lead
        .get(&format!("/capture/surveys/{id}/questionnaire.json"))
        .await;
    assert_eq!(res.headers()["content-type"], "application/fhir+json");
    let exported = res.bytes().await.unwrap().to_vec();
    let q: serde_json::Value = serde_json::from_slice(&exported).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert!(q["url"].as_str().unwrap().ends_with("/surveys/round-trip"));
    assert_eq!(q["item"][1]["enableWhen"][0]["answerBoolean"], true);

    let csrf = lead.csrf("/capture/surveys/import").await;
    let form = Form::new()
        .text("csrf", csrf)
        .part("file", Part::bytes(exported).file_name("q.json"));
    let res = lead
        .client
        .post(format!("{}/capture/surveys/import", lead.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let new_id: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let (original, imported) = (
        app.store.get_survey(id).await.unwrap(),
        app.store.get_survey(new_id).await.unwrap(),
    );
    assert_eq!(
        imported.definition, original.definition,
        "export then import gives the same survey"
    );
    assert_eq!(imported.title, original.title);
    assert_eq!(imported.slug, "your-care-after-the-birth");

    // Something that is not a Questionnaire is refused with a reason; unsupported parts are listed.
    let csrf = lead.csrf("/capture/surveys/import").await;
    let form = Form::new().text("csrf", csrf).part(
        "file",
        Part::bytes(b"{\"resourceType\":\"Patient\"}".to_vec()).file_name("p.json"),
    );
    let res = lead
        .client
        .post(format!("{}/capture/surveys/import", lead.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("This is not a FHIR Questionnaire"));
    let odd = serde_json::json!({"resourceType": "Questionnaire", "title": "Odd", "item": [
        {"linkId": "a", "text": "Yes?", "type": "boolean"},
        {"linkId": "b", "text": "Photo", "type": "attachment"}]});
    let csrf = lead.csrf("/capture/surveys/import").await;
    let form = Form::new().text("csrf", csrf).part(
        "file",
        Part::bytes(odd.to_string().into_bytes()).file_name("o.json"),
    );
    let res = lead
        .client
        .post(format!("{}/capture/surveys/import", lead.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (_, html) = lead.get_text(&location(&res)).await;
    assert!(html.contains("Not carried over: Item &quot;b&quot;: questions of type &quot;attachment&quot; are not supported"), "{html}");

    // One response, exported as a QuestionnaireResponse and as CSV.
    let person = app.browser();
    for (page, fields) in [
        ("/surveys/round-trip/pages/1", vec![("q1", "yes")]),
        ("/surveys/round-trip/pages/2", vec![("q2", "5")]),
        ("/surveys/round-trip/pages/3", vec![("q3", "nobody")]),
        (
            "/surveys/round-trip/pages/4",
            vec![("q4-day", "1"), ("q4-month", "2"), ("q4-year", "2026")],
        ),
        (
            "/surveys/round-trip/pages/5",
            vec![("q5", "=cmd|' /C calc'!A0 was fine")],
        ),
    ] {
        let res = submit(&person, page, page, &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
    }
    let res = submit(
        &person,
        "/surveys/round-trip/check",
        "/surveys/round-trip/check",
        &[],
    )
    .await;
    assert_eq!(location(&res), "/surveys/round-trip/done");

    let bundle: serde_json::Value = lead
        .get(&format!("/capture/surveys/{id}/responses.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let r = &bundle["entry"][0]["resource"];
    assert_eq!(r["resourceType"], "QuestionnaireResponse");
    assert_eq!(r["status"], "completed");
    assert!(r["questionnaire"]
        .as_str()
        .unwrap()
        .ends_with("/surveys/round-trip"));
    assert!(r["authored"].as_str().unwrap().ends_with('Z'));
    let items = r["item"].as_array().unwrap();
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["q1", "q2", "q3", "q4", "q5"]);
    assert_eq!(items[0]["text"], "Did you stay on the postnatal ward?");
    assert_eq!(items[0]["answer"][0]["valueBoolean"], true);
    assert_eq!(items[1]["answer"][0]["valueInteger"], 5);
    assert_eq!(items[2]["answer"][0]["valueCoding"]["code"], "nobody");
    assert_eq!(items[2]["answer"][0]["valueCoding"]["display"], "Nobody");
    assert_eq!(items[3]["answer"][0]["valueDate"], "2026-02-01");
    assert_eq!(
        items[4]["answer"][0]["valueString"],
        "=cmd|' /C calc'!A0 was fine"
    );

    let csv = lead
        .get(&format!("/capture/surveys/{id}/results.csv"))
        .await
        .text()
        .await
        .unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("response,submitted_at,Did you stay on the postnatal ward?"));
    let row = lines.next().unwrap();
    assert!(
        row.contains(",Yes,5 (Very good),Nobody,1 February 2026,'=cmd"),
        "answers in words, formulas neutralised: {row}"
    );
    assert_eq!(
        app.store
            .audit_for("survey", id)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action == "export")
            .count(),
        2
    );

    // QR codes for posters.
    let svg = lead.get(&format!("/capture/surveys/{id}/qr.svg")).await;
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));
    let png = lead
        .get(&format!("/capture/surveys/{id}/qr.png"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}
