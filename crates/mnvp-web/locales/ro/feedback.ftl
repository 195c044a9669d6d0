# Formularul de feedback în limba română. Traducerea trebuie verificată de un vorbitor nativ
# (native speaker) înainte de utilizare. Numele mesajelor trebuie să rămână aceleași ca în
# en/feedback.ftl; nu scrieți cod HTML aici.
# Romanian translation: needs review by a native speaker before use.

## Page furniture

skip-link = Treceți la conținutul principal
service-name = { $mnvp } – feedback
languages-label = Alegeți limba
support-now = Obțineți sprijin acum
back = Înapoi
continue = Continuați
skip-question = Săriți peste această întrebare
skip-questions = Săriți peste aceste întrebări
progress = Întrebarea { $number } din { $total }
stop-any-time = Vă puteți opri oricând.
stop-link = Opriți-vă și ștergeți răspunsurile mele
error-summary-title = Există o problemă
error-prefix = Eroare:
footer-links = Linkuri utile
footer-accessibility = Declarație de accesibilitate (în engleză)
footer-privacy = Notificare de confidențialitate (în engleză)
footer-about = MNVP Hub – software open-source pentru Maternity and Neonatal Voices Partnerships
content-note-label = Notă privind conținutul
content-note-journey = Următoarea întrebare menționează moartea unui bebeluș și pierderea unei sarcini. Puteți sări peste ea.
content-note-stages = Următoarea întrebare menționează îngrijirea într-o secție de neonatologie. Puteți sări peste ea.
not-answered = Fără răspuns
change = Modificați
select-blank = Alegeți un răspuns
support-aside-title = Dacă aveți nevoie de sprijin
support-aside-text = Puteți primi sprijin oricând, chiar dacă nu terminați formularul.
support-aside-bereaved = Dacă bebelușul dumneavoastră a murit, Sands și alte organizații vă pot ajuta pe dumneavoastră și familia dumneavoastră.

## The list of forms

index-title = Spuneți-ne părerea despre îngrijirea în maternitate sau neonatologie
index-intro = Alegeți Maternity and Neonatal Voices Partnership (MNVP) pentru locul în care ați primit îngrijire.
index-none = În acest moment nu există formulare de feedback deschise.

## Start page

start-title = Spuneți-ne despre îngrijirea din sarcină, de la naștere sau din neonatologie
start-lede = { $mnvp } ascultă femeile, persoanele care nasc și familiile, pentru ca îngrijirea să devină mai bună pentru toți.
start-what = Dorim să aflăm despre îngrijirea dumneavoastră: ce a mers bine și ce ar fi putut fi mai bine. Bun sau rău, mare sau mic, totul ajută.
start-how-heading = Înainte de a începe
start-anonymous = Nu trebuie să vă spuneți numele. Vă rugăm să nu scrieți nume sau date de contact în răspunsuri.
start-skip = Toate întrebările sunt opționale. Puteți sări peste orice întrebare.
start-stop = Vă puteți opri oricând și vă puteți șterge răspunsurile.
start-time = De obicei durează aproximativ 5 minute.
start-who = Echipa MNVP citește ce ne spuneți. Ea transmite spitalului ce spun oamenii, fără nume, pentru a îmbunătăți îngrijirea.
start-urgent = Acest formular nu este pentru ajutor medical sau reclamații. Dacă aveți nevoie de ajutor medical, contactați maternitatea sau sunați la 111. În caz de urgență, sunați la 999.
start-bereaved-heading = Dacă bebelușul dumneavoastră a murit sau ați pierdut o sarcină
start-bereaved = Ne pare foarte rău. Există un set de întrebări mai scurt și mai blând pentru dumneavoastră. Îl puteți alege pe prima pagină.
start-button = Începeți acum

## Question: which route

step-journey-title = Care dintre acestea descrie cel mai bine experiența dumneavoastră?
step-journey-hint = Astfel vă putem pune întrebările potrivite.
journey-standard = Vreau să vă spun despre îngrijirea mea în sarcină, la naștere sau după, ori despre îngrijirea bebelușului meu
journey-bereaved = Bebelușul meu a murit sau am pierdut o sarcină
journey-bereaved-hint = Veți vedea mai puține întrebări și, mai întâi, sprijin pentru familiile îndoliate.

## Question: where

step-unit-title = Unde ați primit îngrijire?
step-unit-hint = Dacă a fost în mai multe locuri, alegeți-l pe cel despre care vreți să ne spuneți.
unit-elsewhere = În altă parte sau nu sunt sigură

## Question: stages of care

step-stages-title = Despre ce etape ale îngrijirii vreți să ne spuneți?
step-stages-hint = Selectați tot ce se aplică.
stage-antenatal = Sarcina (îngrijire prenatală)
stage-labour_birth = Travaliul și nașterea
stage-postnatal_hospital = Îngrijirea după naștere, în spital
stage-postnatal_home = Îngrijirea după naștere, acasă
stage-neonatal = Îngrijirea bebelușului meu în secția de neonatologie
stage-bereavement = Îngrijirea după pierderea unui bebeluș

## Question: when

step-when-title = Când ați primit îngrijirea?
step-when-hint = Dacă a durat mai multe luni, spuneți-ne când s-a încheiat. De exemplu, 3 2026
when-month = Luna
when-year = Anul

## Question: rating

step-rating-title = În general, cum a fost îngrijirea?
rating-5 = Foarte bună
rating-4 = Bună
rating-3 = Nici bună, nici slabă
rating-2 = Slabă
rating-1 = Foarte slabă

## Questions in your own words

step-went-well-title = Ce a mers bine?
step-went-well-hint = Spuneți-ne despre orice a contat pentru dumneavoastră. Vă rugăm să nu scrieți nume sau date de contact.
step-better-title = Ce ar fi putut fi mai bine?
step-better-hint = Spuneți-ne ce ar fi îmbunătățit îngrijirea. Vă rugăm să nu scrieți nume sau date de contact.
step-anything-else-title = Mai doriți să ne spuneți ceva?
step-anything-else-hint = Orice despre îngrijirea dumneavoastră sau a familiei.
step-your-care-title = Spuneți-ne despre îngrijirea primită
step-your-care-hint = Cu propriile cuvinte, cât de mult sau de puțin doriți: îngrijirea primită de dumneavoastră și de bebeluș și felul în care ați fost tratați dumneavoastră și familia.
step-would-have-helped-title = Există ceva care v-ar fi ajutat pe dumneavoastră sau familia?
step-would-have-helped-hint = Atunci sau de atunci încoace. Vă rugăm să nu scrieți nume sau date de contact.
text-limit = Puteți scrie până la { $max } de caractere.
count-under-one = Caractere rămase: { $count }
count-under-other = Caractere rămase: { $count }
count-at-limit = Nu mai aveți caractere disponibile
count-over-one = Caractere în plus: { $count }
count-over-other = Caractere în plus: { $count }

## Questions about you

step-about-you-title = Întrebări despre dumneavoastră
about-you-why-heading = De ce întrebăm
about-you-why = Unele grupuri de oameni primesc îngrijire mai slabă și au rezultate mai proaste. Aceste întrebări ne ajută să verificăm dacă auzim pe toată lumea din zona noastră și să găsim unde îngrijirea nu este echitabilă.
about-you-use-heading = Cum folosim răspunsurile dumneavoastră
about-you-use = Răspunsurile sunt păstrate separat de feedback. Le folosim doar pentru a număra de la cine primim feedback, niciodată pentru a afla cine sunteți. Publicăm doar cifre pentru grupuri destul de mari încât nimeni să nu poată fi recunoscut.
about-you-postcode = Dacă ne dați codul poștal, păstrăm doar prima parte (de exemplu NR1) și zona în care se află, niciodată codul complet.
about-you-choice = Puteți sări peste orice întrebare. Dacă alegeți Nu, nu vă vom pune aceste întrebări și nu vom păstra nimic despre dumneavoastră.
consent-legend = Doriți să răspundeți la câteva întrebări despre dumneavoastră?
consent-yes = Da, sunt de acord să răspund la câteva întrebări și ca răspunsurile mele să fie păstrate așa cum este descris
consent-no = Nu, săriți peste aceste întrebări
step-you-first-title = Despre dumneavoastră
step-you-second-title = Despre dumneavoastră, continuare
q-ethnic = Care este grupul dumneavoastră etnic?
q-age = Ce vârstă aveați când ați primit această îngrijire?
q-first-language = Care este prima dumneavoastră limbă?
q-interpreter = Ați avut nevoie de un interpret?
q-disability = Considerați că aveți o dizabilitate?
q-orientation = Care dintre acestea descrie cel mai bine orientarea dumneavoastră sexuală?
q-gender = Genul cu care vă identificați este același cu sexul înregistrat la naștere?
q-religion = Care este religia dumneavoastră?
q-experience = Ce fel de îngrijire a fost?
q-experience-hint = Selectați tot ce se aplică.
q-postcode = Care este codul poștal de acasă?
q-postcode-hint = De exemplu, NR1 3SR. Păstrăm doar prima parte și zona în care se află.
postcode-kept = Am păstrat: { $district }. Lăsați așa sau introduceți din nou codul poștal pentru a-l schimba.
postcode-area = Zona { $district }

ethnic-group-asian = Asiatic sau britanic asiatic
ethnic-group-black = Negru, britanic negru, caraibian sau african
ethnic-group-mixed = Mixt sau mai multe grupuri etnice
ethnic-group-white = Alb
ethnic-group-other = Alt grup etnic
ethnic-group-not_stated = Prefer să nu spun
ethnic-A = Englez, galez, scoțian, nord-irlandez sau britanic
ethnic-B = Irlandez
ethnic-C = Altă origine albă (inclusiv țigan, Irish Traveller sau rom)
ethnic-D = Alb și negru caraibian
ethnic-E = Alb și negru african
ethnic-F = Alb și asiatic
ethnic-G = Altă origine mixtă
ethnic-H = Indian
ethnic-J = Pakistanez
ethnic-K = Bangladeshi
ethnic-L = Altă origine asiatică
ethnic-M = Caraibian
ethnic-N = African
ethnic-P = Altă origine neagră sau caraibiană
ethnic-R = Chinez
ethnic-S = Alt grup etnic (inclusiv arab)
ethnic-Z = Prefer să nu spun

age-under_20 = Sub 20 de ani
age-20_24 = 20–24
age-25_29 = 25–29
age-30_34 = 30–34
age-35_39 = 35–39
age-40_44 = 40–44
age-45_plus = 45 sau peste
age-prefer_not = Prefer să nu spun

lang-en = Engleză
lang-ar = Arabă
lang-bn = Bengali
lang-zh = Chineză (mandarină sau cantoneză)
lang-fa = Persană (farsi sau dari)
lang-fr = Franceză
lang-gu = Gujarati
lang-ku = Kurdă
lang-lt = Lituaniană
lang-ps = Paștună
lang-pl = Poloneză
lang-pt = Portugheză
lang-pa = Punjabi
lang-ro = Română
lang-so = Somaleză
lang-es = Spaniolă
lang-ta = Tamilă
lang-ti = Tigrinya
lang-tr = Turcă
lang-uk = Ucraineană
lang-ur = Urdu
lang-other = Altă limbă
lang-bsl = Limbajul semnelor britanic
lang-prefer_not = Prefer să nu spun

yesno-yes = Da
yesno-no = Nu
yesno-prefer_not = Prefer să nu spun

orientation-straight = Heterosexual
orientation-gay_lesbian = Gay sau lesbiană
orientation-bisexual = Bisexual
orientation-other = Altă orientare sexuală
orientation-prefer_not = Prefer să nu spun

religion-none = Fără religie
religion-christian = Creștină
religion-buddhist = Budistă
religion-hindu = Hindusă
religion-jewish = Iudaică
religion-muslim = Musulmană
religion-sikh = Sikh
religion-other = Altă religie
religion-prefer_not = Prefer să nu spun

experience-maternity = Îngrijire în maternitate (sarcină, naștere și după naștere)
experience-neonatal = Îngrijire neonatală (un bebeluș în secția de neonatologie)
experience-bereavement = Pierderea unui bebeluș sau a unei sarcini

## Check your answers

check-title = Verificați răspunsurile înainte de trimitere
check-about-you = Întrebări despre dumneavoastră
check-send-heading = Acum trimiteți feedbackul
check-send-text = După trimitere, echipa MNVP vă va citi feedbackul așa cum este descris pe prima pagină. Nu îl veți mai putea modifica.
check-send = Trimiteți feedbackul
check-nothing = Nu ați răspuns la nicio întrebare, așa că nu există nimic de trimis. Puteți reveni să răspundeți la câteva întrebări sau puteți încheia acum.
check-finish = Încheiați
honeypot-label = Lăsați această casetă goală
month-1 = ianuarie
month-2 = februarie
month-3 = martie
month-4 = aprilie
month-5 = mai
month-6 = iunie
month-7 = iulie
month-8 = august
month-9 = septembrie
month-10 = octombrie
month-11 = noiembrie
month-12 = decembrie

## Errors

error-too-long = Răspunsul trebuie să aibă cel mult { $max } de caractere. Ați scris { $count }.
error-month-missing = Introduceți luna, nu doar anul
error-year-missing = Introduceți anul, nu doar luna
error-month-invalid = Introduceți luna ca număr de la 1 la 12
error-year-invalid = Introduceți anul cu 4 cifre, de exemplu 2025
error-in-future = Data trebuie să fie în această lună sau în trecut
error-invalid-choice = Alegeți una dintre opțiuni sau săriți peste această întrebare
error-postcode-invalid = Introduceți un cod poștal precum NR1 3SR sau lăsați caseta goală
error-rate-limited = Din dispozitivul sau rețeaua dumneavoastră s-a trimis mult feedback în ultima oră. Așteptați { $minutes } minute, apoi apăsați din nou „Trimiteți feedbackul”. Răspunsurile dumneavoastră sunt salvate.
error-too-large = Ce ați trimis a fost prea lung. Scurtați răspunsul și încercați din nou.

## After sending

sent-title = Vă mulțumim, feedbackul dumneavoastră a fost trimis
sent-nothing-title = Vă mulțumim pentru vizită
sent-nothing = Nu ați răspuns la nicio întrebare, așa că nu s-a trimis nimic.
sent-next-heading = Ce urmează
sent-next = Echipa MNVP citește tot feedbackul. Ea transmite spitalului ce spun oamenii, fără nume, și lucrează cu personalul pentru a face schimbări.
sent-no-reply = Nu vă putem răspunde, deoarece nu știm cine sunteți.
sent-support-heading = Sprijin care v-ar putea fi de folos
sent-again = Trimiteți alt feedback

## Support

support-title = Obțineți sprijin acum
support-intro = Aceste organizații vă pot ajuta pe dumneavoastră și familia. Nu trebuie să terminați mai întâi formularul.
support-emergency-heading = În caz de urgență
support-emergency = Dacă dumneavoastră sau bebelușul sunteți în pericol imediat, sunați la 999.
support-local = Local
support-back = Înapoi la formularul de feedback
support-english = Informațiile despre organizații sunt în limba engleză.
topic-crisis = Ajutor urgent dacă sunteți în criză
topic-bereavement = După pierderea unui bebeluș
topic-perinatal_mental_health = Sănătatea mintală în sarcină și după naștere
topic-domestic_abuse = Violență domestică
topic-neonatal = Familii cu un bebeluș în îngrijire neonatală
topic-infant_feeding = Hrănirea bebelușului
topic-general = Alt sprijin și sfaturi

## Stopping

stop-title = Doriți să vă opriți și să vă ștergeți răspunsurile?
stop-text = Nu se va trimite nimic. Răspunsurile dumneavoastră vor fi șterse imediat.
stop-confirm = Da, opriți-vă și ștergeți răspunsurile mele
stop-cancel = Nu, înapoi la întrebări
stopped-title = Răspunsurile dumneavoastră au fost șterse
stopped-text = Nu s-a trimis nimic. Acum puteți închide această pagină.
stopped-again = Începeți din nou

## Not found

notfound-title = Nu găsim acest formular de feedback
notfound-text = Linkul poate fi greșit sau formularul a fost mutat. Verificați linkul de pe afiș sau din mesajul primit.
closed-title = Acest formular de feedback este închis
closed-text = { $mnvp } nu primește feedback prin acest formular în acest moment.
notfound-others = Vedeți toate formularele de feedback
