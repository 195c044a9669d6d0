# Formularz opinii w języku polskim. Tłumaczenie wymaga sprawdzenia przez rodzimego użytkownika
# języka (native speaker) przed użyciem. Nazwy wiadomości muszą być takie same jak w
# en/feedback.ftl; nie wpisuj tu kodu HTML.
# Polish translation: needs review by a native speaker before use.

## Page furniture

skip-link = Przejdź do treści głównej
service-name = { $mnvp } – opinie
languages-label = Wybierz język
support-now = Uzyskaj wsparcie teraz
back = Wstecz
continue = Dalej
skip-question = Pomiń to pytanie
skip-questions = Pomiń te pytania
progress = Pytanie { $number } z { $total }
stop-any-time = Możesz przerwać w dowolnym momencie.
stop-link = Przerwij i usuń moje odpowiedzi
error-summary-title = Wystąpił problem
error-prefix = Błąd:
footer-links = Przydatne linki
footer-accessibility = Deklaracja dostępności (po angielsku)
footer-privacy = Informacja o prywatności (po angielsku)
footer-about = MNVP Hub – otwarte oprogramowanie dla partnerstw Maternity and Neonatal Voices Partnerships
content-note-label = Uwaga dotycząca treści
content-note-journey = Następne pytanie dotyczy śmierci dziecka i utraty ciąży. Możesz je pominąć.
content-note-stages = Następne pytanie dotyczy opieki na oddziale neonatologicznym. Możesz je pominąć.
not-answered = Brak odpowiedzi
change = Zmień
select-blank = Wybierz odpowiedź
support-aside-title = Jeśli potrzebujesz wsparcia
support-aside-text = Możesz uzyskać wsparcie w każdej chwili, niezależnie od tego, czy skończysz formularz.
support-aside-bereaved = Jeśli Twoje dziecko zmarło, Sands i inne organizacje mogą pomóc Tobie i Twojej rodzinie.

## The list of forms

index-title = Podziel się opinią o opiece okołoporodowej lub neonatologicznej
index-intro = Wybierz partnerstwo MNVP (Maternity and Neonatal Voices Partnership) dla miejsca, w którym byłaś pod opieką.
index-none = Obecnie żaden formularz opinii nie jest dostępny.

## Start page

start-title = Opowiedz nam o opiece w ciąży, przy porodzie lub na oddziale neonatologicznym
start-lede = { $mnvp } słucha kobiet, osób rodzących i rodzin, aby opieka była lepsza dla wszystkich.
start-what = Chcemy usłyszeć o Twojej opiece: co poszło dobrze, a co mogło być lepsze. Dobre czy złe, duże czy małe – wszystko pomaga.
start-how-heading = Zanim zaczniesz
start-anonymous = Nie musisz podawać swojego imienia i nazwiska. Prosimy nie wpisywać w odpowiedziach imion ani danych kontaktowych.
start-skip = Każde pytanie jest opcjonalne. Możesz pominąć dowolne pytanie.
start-stop = Możesz przerwać w dowolnym momencie i usunąć swoje odpowiedzi.
start-time = Zwykle zajmuje to około 5 minut.
start-who = Twoje odpowiedzi czyta zespół MNVP. Przekazuje szpitalowi to, co mówią ludzie – bez nazwisk – aby poprawić opiekę.
start-urgent = Ten formularz nie służy do uzyskania pomocy medycznej ani składania skarg. Jeśli potrzebujesz pomocy medycznej, skontaktuj się ze swoim oddziałem położniczym lub zadzwoń pod numer 111. W nagłym wypadku dzwoń pod 999.
start-bereaved-heading = Jeśli Twoje dziecko zmarło lub poroniłaś
start-bereaved = Bardzo nam przykro. Przygotowaliśmy dla Ciebie krótszy, łagodniejszy zestaw pytań. Możesz go wybrać na pierwszej stronie.
start-button = Rozpocznij

## Question: which route

step-journey-title = Co najlepiej opisuje Twoje doświadczenie?
step-journey-hint = Dzięki temu zadamy Ci właściwe pytania.
journey-standard = Chcę opowiedzieć o opiece w ciąży, przy porodzie lub po nim albo o opiece nad moim dzieckiem
journey-bereaved = Moje dziecko zmarło lub straciłam ciążę
journey-bereaved-hint = Zobaczysz mniej pytań, a najpierw informacje o wsparciu dla rodzin w żałobie.

## Question: where

step-unit-title = Gdzie byłaś pod opieką?
step-unit-hint = Jeśli w kilku miejscach, wybierz to, o którym chcesz nam opowiedzieć.
unit-elsewhere = W innym miejscu lub nie jestem pewna

## Question: stages of care

step-stages-title = O których etapach opieki chcesz nam opowiedzieć?
step-stages-hint = Zaznacz wszystkie, które pasują.
stage-antenatal = Ciąża (opieka przedporodowa)
stage-labour_birth = Poród
stage-postnatal_hospital = Opieka po porodzie w szpitalu
stage-postnatal_home = Opieka po porodzie w domu
stage-neonatal = Opieka nad moim dzieckiem na oddziale neonatologicznym
stage-bereavement = Opieka po utracie dziecka

## Question: when

step-when-title = Kiedy byłaś pod opieką?
step-when-hint = Jeśli trwało to kilka miesięcy, podaj, kiedy się skończyło. Na przykład 3 2026
when-month = Miesiąc
when-year = Rok

## Question: rating

step-rating-title = Jak ogólnie oceniasz opiekę?
rating-5 = Bardzo dobrze
rating-4 = Dobrze
rating-3 = Ani dobrze, ani źle
rating-2 = Źle
rating-1 = Bardzo źle

## Questions in your own words

step-went-well-title = Co poszło dobrze?
step-went-well-hint = Opowiedz o wszystkim, co miało dla Ciebie znaczenie. Prosimy nie wpisywać imion ani danych kontaktowych.
step-better-title = Co mogło być lepsze?
step-better-hint = Napisz, co poprawiłoby Twoją opiekę. Prosimy nie wpisywać imion ani danych kontaktowych.
step-anything-else-title = Czy chcesz nam powiedzieć coś jeszcze?
step-anything-else-hint = Cokolwiek o opiece nad Tobą lub Twoją rodziną.
step-your-care-title = Opowiedz nam o opiece
step-your-care-hint = Własnymi słowami, tyle, ile chcesz: o opiece nad Tobą i dzieckiem oraz o tym, jak traktowano Ciebie i Twoją rodzinę.
step-would-have-helped-title = Czy coś mogłoby pomóc Tobie lub Twojej rodzinie?
step-would-have-helped-hint = Wtedy lub później. Prosimy nie wpisywać imion ani danych kontaktowych.
text-limit = Możesz wpisać do { $max } znaków.
count-under-one = Pozostało znaków: { $count }
count-under-other = Pozostało znaków: { $count }
count-at-limit = Nie pozostały żadne znaki
count-over-one = Za dużo znaków: { $count }
count-over-other = Za dużo znaków: { $count }

## Questions about you

step-about-you-title = Pytania o Ciebie
about-you-why-heading = Dlaczego pytamy
about-you-why = Niektóre grupy ludzi otrzymują gorszą opiekę i mają gorsze wyniki zdrowotne. Te pytania pomagają nam sprawdzić, czy słyszymy wszystkich w naszej okolicy, i znaleźć miejsca, gdzie opieka nie jest sprawiedliwa.
about-you-use-heading = Jak wykorzystujemy Twoje odpowiedzi
about-you-use = Twoje odpowiedzi są przechowywane oddzielnie od opinii. Używamy ich tylko do liczenia, od kogo otrzymujemy opinie, nigdy do ustalenia, kim jesteś. Udostępniamy tylko liczby dla grup na tyle dużych, że nikogo nie da się rozpoznać.
about-you-postcode = Jeśli podasz kod pocztowy, zachowamy tylko jego pierwszą część (np. NR1) i obszar, w którym leży – nigdy pełnego kodu.
about-you-choice = Możesz pominąć każde pytanie. Jeśli wybierzesz Nie, nie zadamy tych pytań i nie zachowamy żadnych informacji o Tobie.
consent-legend = Czy chcesz odpowiedzieć na kilka pytań o sobie?
consent-yes = Tak, zgadzam się odpowiedzieć na kilka pytań i na przechowywanie odpowiedzi w opisany sposób
consent-no = Nie, pomiń te pytania
step-you-first-title = O Tobie
step-you-second-title = O Tobie – ciąg dalszy
q-ethnic = Jaka jest Twoja grupa etniczna?
q-age = Ile miałaś lat, gdy byłaś pod tą opieką?
q-first-language = Jaki jest Twój pierwszy język?
q-interpreter = Czy potrzebowałaś tłumacza?
q-disability = Czy uważasz się za osobę z niepełnosprawnością?
q-orientation = Co najlepiej opisuje Twoją orientację seksualną?
q-gender = Czy płeć, z którą się identyfikujesz, jest taka sama jak płeć zarejestrowana przy urodzeniu?
q-religion = Jakie jest Twoje wyznanie?
q-experience = Jakiego rodzaju była to opieka?
q-experience-hint = Zaznacz wszystkie, które pasują.
q-postcode = Jaki jest Twój domowy kod pocztowy?
q-postcode-hint = Na przykład NR1 3SR. Zachowamy tylko pierwszą część i obszar.
postcode-kept = Zachowaliśmy: { $district }. Zostaw tak lub wpisz kod ponownie, aby go zmienić.
postcode-area = Obszar { $district }

ethnic-group-asian = Azjatycka lub brytyjsko-azjatycka
ethnic-group-black = Czarna, czarnoskóra brytyjska, karaibska lub afrykańska
ethnic-group-mixed = Mieszana lub wiele grup etnicznych
ethnic-group-white = Biała
ethnic-group-other = Inna grupa etniczna
ethnic-group-not_stated = Wolę nie odpowiadać
ethnic-A = Angielska, walijska, szkocka, północnoirlandzka lub brytyjska
ethnic-B = Irlandzka
ethnic-C = Inne białe pochodzenie (w tym Cyganie, irlandzcy Wędrowcy lub Romowie)
ethnic-D = Biała i czarnoskóra karaibska
ethnic-E = Biała i czarnoskóra afrykańska
ethnic-F = Biała i azjatycka
ethnic-G = Inne mieszane pochodzenie
ethnic-H = Indyjska
ethnic-J = Pakistańska
ethnic-K = Bangladeska
ethnic-L = Inne azjatyckie pochodzenie
ethnic-M = Karaibska
ethnic-N = Afrykańska
ethnic-P = Inne czarnoskóre lub karaibskie pochodzenie
ethnic-R = Chińska
ethnic-S = Inna grupa etniczna (w tym arabska)
ethnic-Z = Wolę nie odpowiadać

age-under_20 = Poniżej 20
age-20_24 = 20–24
age-25_29 = 25–29
age-30_34 = 30–34
age-35_39 = 35–39
age-40_44 = 40–44
age-45_plus = 45 lub więcej
age-prefer_not = Wolę nie odpowiadać

lang-en = Angielski
lang-ar = Arabski
lang-bn = Bengalski
lang-zh = Chiński (mandaryński lub kantoński)
lang-fa = Perski (farsi lub dari)
lang-fr = Francuski
lang-gu = Gudżarati
lang-ku = Kurdyjski
lang-lt = Litewski
lang-ps = Paszto
lang-pl = Polski
lang-pt = Portugalski
lang-pa = Pendżabski
lang-ro = Rumuński
lang-so = Somalijski
lang-es = Hiszpański
lang-ta = Tamilski
lang-ti = Tigrinia
lang-tr = Turecki
lang-uk = Ukraiński
lang-ur = Urdu
lang-other = Inny język
lang-bsl = Brytyjski język migowy
lang-prefer_not = Wolę nie odpowiadać

yesno-yes = Tak
yesno-no = Nie
yesno-prefer_not = Wolę nie odpowiadać

orientation-straight = Heteroseksualna
orientation-gay_lesbian = Gej lub lesbijka
orientation-bisexual = Biseksualna
orientation-other = Inna orientacja seksualna
orientation-prefer_not = Wolę nie odpowiadać

religion-none = Bez wyznania
religion-christian = Chrześcijańskie
religion-buddhist = Buddyjskie
religion-hindu = Hinduistyczne
religion-jewish = Żydowskie
religion-muslim = Muzułmańskie
religion-sikh = Sikhijskie
religion-other = Inne wyznanie
religion-prefer_not = Wolę nie odpowiadać

experience-maternity = Opieka okołoporodowa (ciąża, poród i okres po porodzie)
experience-neonatal = Opieka neonatologiczna (dziecko na oddziale neonatologicznym)
experience-bereavement = Utrata dziecka lub ciąży

## Check your answers

check-title = Sprawdź odpowiedzi przed wysłaniem
check-about-you = Pytania o Ciebie
check-send-heading = Teraz wyślij swoją opinię
check-send-text = Po wysłaniu zespół MNVP przeczyta Twoją opinię w sposób opisany na pierwszej stronie. Nie będzie można jej później zmienić.
check-send = Wyślij opinię
check-nothing = Nie odpowiedziałaś na żadne pytanie, więc nie ma czego wysłać. Możesz wrócić i odpowiedzieć na niektóre pytania albo zakończyć teraz.
check-finish = Zakończ
honeypot-label = Zostaw to pole puste
month-1 = styczeń
month-2 = luty
month-3 = marzec
month-4 = kwiecień
month-5 = maj
month-6 = czerwiec
month-7 = lipiec
month-8 = sierpień
month-9 = wrzesień
month-10 = październik
month-11 = listopad
month-12 = grudzień

## Errors

error-too-long = Odpowiedź może mieć najwyżej { $max } znaków. Liczba wpisanych znaków: { $count }.
error-month-missing = Wpisz miesiąc, a także rok
error-year-missing = Wpisz rok, a także miesiąc
error-month-invalid = Wpisz miesiąc jako liczbę od 1 do 12
error-year-invalid = Wpisz rok czterema cyframi, np. 2025
error-in-future = Data musi przypadać w tym miesiącu lub wcześniej
error-invalid-choice = Wybierz jedną z opcji lub pomiń to pytanie
error-postcode-invalid = Wpisz kod pocztowy, np. NR1 3SR, lub zostaw to pole puste
error-rate-limited = W ostatniej godzinie z Twojego urządzenia lub sieci wysłano wiele opinii. Odczekaj { $minutes } min, a potem ponownie naciśnij „Wyślij opinię”. Twoje odpowiedzi są zapisane.
error-too-large = Wysłany tekst był zbyt długi. Skróć odpowiedź i spróbuj ponownie.

## After sending

sent-title = Dziękujemy, Twoja opinia została wysłana
sent-nothing-title = Dziękujemy za odwiedziny
sent-nothing = Nie odpowiedziałaś na żadne pytanie, więc nic nie zostało wysłane.
sent-next-heading = Co dalej
sent-next = Zespół MNVP czyta wszystkie opinie. Przekazuje szpitalowi to, co mówią ludzie – bez nazwisk – i współpracuje z personelem, aby wprowadzać zmiany.
sent-no-reply = Nie możemy Ci odpowiedzieć, ponieważ nie wiemy, kim jesteś.
sent-support-heading = Wsparcie, które może Ci pomóc
sent-again = Podziel się kolejną opinią

## Support

support-title = Uzyskaj wsparcie teraz
support-intro = Te organizacje mogą pomóc Tobie i Twojej rodzinie. Nie musisz najpierw kończyć formularza.
support-emergency-heading = W nagłym wypadku
support-emergency = Jeśli Ty lub Twoje dziecko jesteście w bezpośrednim niebezpieczeństwie, zadzwoń pod 999.
support-local = Lokalna
support-back = Wróć do formularza opinii
support-english = Informacje o organizacjach są w języku angielskim.
topic-crisis = Pilna pomoc w kryzysie
topic-bereavement = Po utracie dziecka
topic-perinatal_mental_health = Zdrowie psychiczne w ciąży i po porodzie
topic-domestic_abuse = Przemoc domowa
topic-neonatal = Rodziny z dzieckiem na oddziale neonatologicznym
topic-infant_feeding = Karmienie dziecka
topic-general = Inne wsparcie i porady

## Stopping

stop-title = Czy chcesz przerwać i usunąć swoje odpowiedzi?
stop-text = Nic nie zostanie wysłane. Twoje odpowiedzi zostaną od razu usunięte.
stop-confirm = Tak, przerwij i usuń moje odpowiedzi
stop-cancel = Nie, wróć do pytań
stopped-title = Twoje odpowiedzi zostały usunięte
stopped-text = Nic nie zostało wysłane. Możesz teraz zamknąć tę stronę.
stopped-again = Zacznij od nowa

## Not found

notfound-title = Nie możemy znaleźć tego formularza opinii
notfound-text = Link może być błędny lub formularz mógł zostać przeniesiony. Sprawdź link na plakacie lub w otrzymanej wiadomości.
closed-title = Ten formularz opinii jest zamknięty
closed-text = { $mnvp } nie przyjmuje obecnie opinii przez ten formularz.
notfound-others = Zobacz wszystkie formularze opinii
