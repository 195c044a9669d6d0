#!/usr/bin/env python3
"""Turn the hand-written source files (*.src.txt) into the JSONL sets the benchmark reads.

Source format, one item per line: `categories<TAB>text`, where categories is `-` or a
comma-separated list of sh, da, cr, ps, or; personal details are marked inline as
`{KIND:text}` (KIND: NAME NHS PHONE EMAIL POSTCODE DOB ADDRESS HOSP). Lines starting with `#`
are comments. The markup keeps every entity's text exactly equal to a substring of the item.
"""
import json, re, sys

CATS = {"sh": "self_harm", "da": "domestic_abuse", "cr": "child_risk",
        "ps": "patient_safety", "or": "other_risk"}
KINDS = {"NAME": "NAME", "NHS": "NHS_NUMBER", "PHONE": "PHONE", "EMAIL": "EMAIL",
         "POSTCODE": "POSTCODE", "DOB": "DATE_OF_BIRTH", "ADDRESS": "ADDRESS",
         "HOSP": "HOSPITAL_NUMBER"}
MARK = re.compile(r"\{([A-Z]+):([^{}]+)\}")

def convert(src, dst, prefix):
    out = []
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cats, _, text = line.partition("\t")
        if not text:
            sys.exit(f"{src}:{n}: missing tab")
        categories = [] if cats.strip() == "-" else [CATS[c.strip()] for c in cats.split(",")]
        entities = []
        def sub(m):
            entities.append({"kind": KINDS[m.group(1)], "text": m.group(2)})
            return m.group(2)
        plain = MARK.sub(sub, text)
        if "{" in plain or "}" in plain:
            sys.exit(f"{src}:{n}: stray brace")
        out.append({"id": f"{prefix}-{len(out)+1:03}", "text": plain,
                    "categories": categories, "entities": entities})
    with open(dst, "w", encoding="utf-8") as f:
        for item in out:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{dst}: {len(out)} items, {sum(1 for i in out if i['categories'])} disclosures, "
          f"{sum(len(i['entities']) for i in out)} entities")

if __name__ == "__main__":
    convert("dev.src.txt", "dev.jsonl", "dev")
    convert("items.src.txt", "items.jsonl", "eval")
