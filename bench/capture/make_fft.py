"""Writes an FFT-style CSV of fictional comments: Comment ID, Date, FFT categorical answer,
FFT question, FFT answer, Ward. Deterministic (seeded), so runs are comparable."""
import csv, random, sys

rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
openers = ["The midwife", "The night staff", "My consultant", "The health visitor", "Reception", "The birth centre team",
           "The infant feeding team", "The scan department", "The ward", "Triage"]
middles = ["was kind and explained everything", "kept us waiting for hours", "listened when I was worried",
           "made me feel rushed", "helped with feeding at night", "gave clear advice about going home",
           "did not answer the call bell", "treated my partner as part of the team", "was calm during the emergency",
           "forgot to give me my pain relief"]
endings = ["", " Thank you.", " It made a real difference.", " Please look into this.", " Parking was awful though.",
           " I would recommend the unit.", " The food was cold.", " We felt safe."]
questions = ["What was good?", "What could we do better?", "FFT Why?"]
wards = ["Riverside Maternity Unit", "Willow Birth Centre", ""]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["Comment ID", "Date", "FFT categorical answer", "FFT question", "FFT answer", "Ward"])
    for i in range(rows):
        day = 1 + i % 28
        month = 1 + (i // 28) % 9
        text = f"{rng.choice(openers)} {rng.choice(middles)}.{rng.choice(endings)}"
        w.writerow([f"B{i:07d}", f"{day:02d}/{month:02d}/2026", rng.choice("1111222345"), rng.choice(questions), text, rng.choice(wards)])
