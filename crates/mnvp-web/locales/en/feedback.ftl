# The public feedback form, in English. This file is the reference: every other language has
# the same message names. Anyone can edit it; keep the wording warm, plain and short
# (NHS content style), and never put HTML in a message.

## Page furniture

skip-link = Skip to main content
service-name = { $mnvp } feedback
languages-label = Choose a language
support-now = Get support now
back = Back
continue = Continue
skip-question = Skip this question
skip-questions = Skip these questions
progress = Question { $number } of { $total }
stop-any-time = You can stop at any time.
stop-link = Stop and delete my answers
error-summary-title = There is a problem
error-prefix = Error:
footer-links = Support links
footer-accessibility = Accessibility statement
footer-privacy = Privacy notice
footer-about = MNVP Hub – open-source software for Maternity and Neonatal Voices Partnerships
content-note-label = Content note
content-note-journey = The next question mentions the death of a baby and the loss of a pregnancy. You can skip it.
content-note-stages = The next question mentions care on a neonatal unit. You can skip it.
not-answered = Not answered
change = Change
select-blank = Choose an answer
support-aside-title = If you need support
support-aside-text = You can get support at any time, whether or not you finish.
support-aside-bereaved = If your baby died, Sands and other organisations can help you and your family.

## The list of forms

index-title = Give feedback about maternity or neonatal care
index-intro = Choose the Maternity and Neonatal Voices Partnership (MNVP) for the place where you had your care.
index-none = There are no feedback forms open at the moment.

## Start page

start-title = Tell us about your maternity or neonatal care
start-lede = { $mnvp } listens to women, birthing people and families, so that care gets better for everyone.
start-what = We would like to hear about your care: what went well and what could have been better. Good or bad, big or small, it all helps.
start-how-heading = Before you start
start-anonymous = You do not need to give your name. Please do not write names or contact details in your answers.
start-skip = Every question is optional. You can skip any question.
start-stop = You can stop at any time and delete your answers.
start-time = It usually takes about 5 minutes.
start-who = The MNVP team reads what you tell us. They share what people say, without names, with the hospital to improve care.
start-urgent = This form is not for medical help or complaints. If you need medical help, contact your maternity unit or call 111. In an emergency, call 999.
start-bereaved-heading = If your baby died or you lost a pregnancy
start-bereaved = We are so sorry. There is a shorter, gentler set of questions for you. You can choose it on the first page.
start-button = Start now

## Question: which route

step-journey-title = Which of these best describes your experience?
step-journey-hint = This helps us ask you the right questions.
journey-standard = I want to tell you about my care in pregnancy, during the birth or afterwards, or my baby's care
journey-bereaved = My baby died, or I lost a pregnancy
journey-bereaved-hint = You will see fewer questions, and support for bereaved families first.

## Question: where

step-unit-title = Where did you have your care?
step-unit-hint = If it was in more than one place, choose the one you want to tell us about.
unit-elsewhere = Somewhere else, or I'm not sure

## Question: stages of care

step-stages-title = Which parts of your care do you want to tell us about?
step-stages-hint = Select all that apply.
stage-antenatal = Pregnancy (antenatal care)
stage-labour_birth = Labour and birth
stage-postnatal_hospital = Care after the birth, in hospital
stage-postnatal_home = Care after the birth, at home
stage-neonatal = My baby's care on a neonatal unit
stage-bereavement = Care after the loss of a baby

## Question: when

step-when-title = When was your care?
step-when-hint = If it was over several months, tell us when it ended. For example, 3 2026
when-month = Month
when-year = Year

## Question: rating

step-rating-title = Overall, how was your care?
rating-5 = Very good
rating-4 = Good
rating-3 = Neither good nor poor
rating-2 = Poor
rating-1 = Very poor

## Questions in your own words

step-went-well-title = What went well?
step-went-well-hint = Tell us about anything that made a difference to you. Please do not write names or contact details.
step-better-title = What could have been better?
step-better-hint = Tell us what would have made your care better. Please do not write names or contact details.
step-anything-else-title = Is there anything else you want to tell us?
step-anything-else-hint = Anything at all about your care or your family's care.
step-your-care-title = Tell us about your care
step-your-care-hint = In your own words, as much or as little as you want: the care you and your baby had, and how you and your family were treated.
step-would-have-helped-title = Is there anything that would have helped you or your family?
step-would-have-helped-hint = At the time, or since. Please do not write names or contact details.
text-limit = You can write up to { $max } characters.
count-under-one = You have { $count } character left
count-under-other = You have { $count } characters left
count-at-limit = You have no characters left
count-over-one = You have { $count } character too many
count-over-other = You have { $count } characters too many

## Questions about you

step-about-you-title = Questions about you
about-you-why-heading = Why we ask
about-you-why = Some groups of people get worse care and have worse outcomes. These questions help us check that we hear from everyone in our area, and find where care is not fair.
about-you-use-heading = How we use your answers
about-you-use = Your answers are kept apart from your feedback. We only use them to count who we hear from, never to find out who you are. We only share numbers for groups big enough that nobody can be recognised.
about-you-postcode = If you give your postcode, we keep only the first half (like NR1) and the area it is in, never your full postcode.
about-you-choice = You can skip any question. If you choose No, we will not ask these questions and will not keep anything about you.
consent-legend = Would you like to answer some questions about yourself?
consent-yes = Yes, I agree to answer some questions and for my answers to be kept as described
consent-no = No, skip these questions
step-you-first-title = About you
step-you-second-title = About you, continued
q-ethnic = What is your ethnic group?
q-age = How old were you when you had this care?
q-first-language = What is your first language?
q-interpreter = Did you need an interpreter?
q-disability = Do you consider yourself to be disabled?
q-orientation = Which of these best describes your sexual orientation?
q-gender = Is the gender you identify with the same as the sex you were registered at birth?
q-religion = What is your religion?
q-experience = What kind of care was this?
q-experience-hint = Select all that apply.
q-postcode = What is your home postcode?
q-postcode-hint = For example, NR1 3SR. We keep only the first half and the area it is in.
postcode-kept = We have kept: { $district }. Leave this as it is, or enter your postcode again to change it.
postcode-area = Area { $district }

ethnic-group-asian = Asian or Asian British
ethnic-group-black = Black, Black British, Caribbean or African
ethnic-group-mixed = Mixed or multiple ethnic groups
ethnic-group-white = White
ethnic-group-other = Other ethnic group
ethnic-group-not_stated = Prefer not to say
ethnic-A = English, Welsh, Scottish, Northern Irish or British
ethnic-B = Irish
ethnic-C = Any other White background (including Gypsy, Irish Traveller or Roma)
ethnic-D = White and Black Caribbean
ethnic-E = White and Black African
ethnic-F = White and Asian
ethnic-G = Any other Mixed or multiple ethnic background
ethnic-H = Indian
ethnic-J = Pakistani
ethnic-K = Bangladeshi
ethnic-L = Any other Asian background
ethnic-M = Caribbean
ethnic-N = African
ethnic-P = Any other Black, Black British or Caribbean background
ethnic-R = Chinese
ethnic-S = Any other ethnic group (including Arab)
ethnic-Z = Prefer not to say

age-under_20 = Under 20
age-20_24 = 20 to 24
age-25_29 = 25 to 29
age-30_34 = 30 to 34
age-35_39 = 35 to 39
age-40_44 = 40 to 44
age-45_plus = 45 or over
age-prefer_not = Prefer not to say

lang-en = English
lang-ar = Arabic
lang-bn = Bengali
lang-zh = Chinese (Mandarin or Cantonese)
lang-fa = Farsi or Dari
lang-fr = French
lang-gu = Gujarati
lang-ku = Kurdish
lang-lt = Lithuanian
lang-ps = Pashto
lang-pl = Polish
lang-pt = Portuguese
lang-pa = Punjabi
lang-ro = Romanian
lang-so = Somali
lang-es = Spanish
lang-ta = Tamil
lang-ti = Tigrinya
lang-tr = Turkish
lang-uk = Ukrainian
lang-ur = Urdu
lang-other = Another language
lang-bsl = British Sign Language
lang-prefer_not = Prefer not to say

yesno-yes = Yes
yesno-no = No
yesno-prefer_not = Prefer not to say

orientation-straight = Straight or heterosexual
orientation-gay_lesbian = Gay or lesbian
orientation-bisexual = Bisexual
orientation-other = Another sexual orientation
orientation-prefer_not = Prefer not to say

religion-none = No religion
religion-christian = Christian
religion-buddhist = Buddhist
religion-hindu = Hindu
religion-jewish = Jewish
religion-muslim = Muslim
religion-sikh = Sikh
religion-other = Another religion
religion-prefer_not = Prefer not to say

experience-maternity = Maternity care (pregnancy, birth and after the birth)
experience-neonatal = Neonatal care (a baby on a neonatal unit)
experience-bereavement = Loss of a baby or pregnancy

## Check your answers

check-title = Check your answers before sending
check-about-you = Questions about you
check-send-heading = Now send your feedback
check-send-text = When you send it, the MNVP team will read your feedback as described on the first page. You will not be able to change it afterwards.
check-send = Send feedback
check-nothing = You have not answered any questions, so there is nothing to send. You can go back and answer some, or finish now.
check-finish = Finish
honeypot-label = Leave this box empty
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Errors

error-too-long = Your answer must be { $max } characters or fewer. You have written { $count }.
error-month-missing = Enter the month, as well as the year
error-year-missing = Enter the year, as well as the month
error-month-invalid = Enter the month as a number from 1 to 12
error-year-invalid = Enter the year as 4 numbers, like 2025
error-in-future = The date must be this month or in the past
error-invalid-choice = Choose one of the options, or skip this question
error-postcode-invalid = Enter a postcode like NR1 3SR, or leave it blank
error-rate-limited = A lot of feedback has been sent from your device or network in the last hour. Please wait { $minutes } minutes, then press Send feedback again. Your answers are saved.
error-too-large = What you sent was too long to receive. Please make your answer shorter and try again.

## After sending

sent-title = Thank you, your feedback has been sent
sent-nothing-title = Thank you for visiting
sent-nothing = You did not answer any questions, so nothing was sent.
sent-next-heading = What happens next
sent-next = The MNVP team reads all feedback. They share what people tell them, without names, with the hospital, and work with staff to make changes.
sent-no-reply = We cannot reply to you, because we do not know who you are.
sent-support-heading = Support you might find helpful
sent-again = Give more feedback

## Support

support-title = Get support now
support-intro = These organisations can help you and your family. You do not need to finish the feedback form first.
support-emergency-heading = In an emergency
support-emergency = If you or your baby are in immediate danger, call 999.
support-local = Local
support-back = Back to the feedback form
support-english = Details of organisations are in English.
topic-crisis = Urgent help if you are in crisis
topic-bereavement = After the loss of a baby
topic-perinatal_mental_health = Mental health in pregnancy and after birth
topic-domestic_abuse = Domestic abuse
topic-neonatal = Families with a baby in neonatal care
topic-infant_feeding = Feeding your baby
topic-general = Other support and advice

## Stopping

stop-title = Do you want to stop and delete your answers?
stop-text = Nothing will be sent. Your answers will be deleted straight away.
stop-confirm = Yes, stop and delete my answers
stop-cancel = No, go back to the questions
stopped-title = Your answers have been deleted
stopped-text = Nothing was sent. You can close this page now.
stopped-again = Start again

## Not found

notfound-title = We cannot find this feedback form
notfound-text = The link may be wrong, or the form may have moved. Check the link on the poster or message you were given.
closed-title = This feedback form is closed
closed-text = { $mnvp } is not taking feedback through this form at the moment.
notfound-others = See all feedback forms
