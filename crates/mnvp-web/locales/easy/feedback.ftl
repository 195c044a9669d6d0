# The public feedback form in easy read English: short sentences, everyday words, one idea at a
# time. For people with a learning disability, people who are tired or stressed, and people
# still learning English. Keep every message name the same as in en/feedback.ftl. It is best
# checked with easy read reviewers (people with a learning disability) before use.

## Page furniture

skip-link = Skip to main content
service-name = { $mnvp } feedback
languages-label = Choose a language
support-now = Get help and support now
back = Back
continue = Next
skip-question = Skip this question
skip-questions = Skip these questions
progress = Question { $number } of { $total }
stop-any-time = You can stop at any time.
stop-link = Stop and delete my answers
error-summary-title = Something needs to be fixed
error-prefix = Error:
footer-links = Support links
footer-accessibility = Accessibility statement
footer-privacy = Privacy notice
footer-about = MNVP Hub – open-source software for Maternity and Neonatal Voices Partnerships
content-note-label = Before you read
content-note-journey = The next question talks about a baby dying. You do not have to answer it.
content-note-stages = The next question talks about babies on a neonatal unit. That is a special ward for babies who need extra care. You do not have to answer it.
not-answered = No answer
change = Change
select-blank = Choose an answer
support-aside-title = Do you need help?
support-aside-text = You can get help at any time. You do not need to finish first.
support-aside-bereaved = If your baby died, there are people who can help you and your family. One of them is Sands.

## The list of forms

index-title = Tell us about your care when you had a baby
index-intro = Choose the group for the hospital where you had your care.
index-none = There are no feedback forms open right now.

## Start page

start-title = Tell us about your care when you had a baby
start-lede = { $mnvp } is a group of parents and staff. We want care to get better for everyone.
start-what = Please tell us about your care. Tell us what was good. Tell us what was not good.
start-how-heading = Before you start
start-anonymous = You do not need to give your name. Please do not write anyone's name.
start-skip = You do not have to answer every question. You can skip any question.
start-stop = You can stop at any time. Your answers will be deleted.
start-time = It takes about 5 minutes.
start-who = Our team reads your answers. We tell the hospital what people say. We do not tell them your name.
start-urgent = This form is not for getting medical help. If you need help from a doctor or midwife, phone your hospital or phone 111. In an emergency, phone 999.
start-bereaved-heading = If your baby died
start-bereaved = We are so sorry. There are fewer questions for you. You can choose them on the first page.
start-button = Start

## Question: which route

step-journey-title = What happened to you?
step-journey-hint = This helps us ask you the right questions.
journey-standard = I want to tell you about my care or my baby's care
journey-bereaved = My baby died, or I lost my pregnancy
journey-bereaved-hint = You will get fewer questions. We will show you help for families whose baby died.

## Question: where

step-unit-title = Where did you have your care?
step-unit-hint = If it was in more than one place, choose one.
unit-elsewhere = Somewhere else, or I do not know

## Question: stages of care

step-stages-title = What do you want to tell us about?
step-stages-hint = You can choose more than one.
stage-antenatal = When I was pregnant
stage-labour_birth = When I was giving birth
stage-postnatal_hospital = In hospital after my baby was born
stage-postnatal_home = At home after my baby was born
stage-neonatal = When my baby was on a special ward for babies (neonatal unit)
stage-bereavement = Care after my baby died

## Question: when

step-when-title = When was your care?
step-when-hint = Write the month and the year. For example, 3 2026 for March 2026.
when-month = Month
when-year = Year

## Question: rating

step-rating-title = How good was your care?
rating-5 = Very good
rating-4 = Good
rating-3 = OK
rating-2 = Bad
rating-1 = Very bad

## Questions in your own words

step-went-well-title = What was good?
step-went-well-hint = Tell us what helped you. Please do not write anyone's name.
step-better-title = What was not good?
step-better-hint = Tell us what should change. Please do not write anyone's name.
step-anything-else-title = Is there anything else you want to tell us?
step-anything-else-hint = You can tell us anything about your care.
step-your-care-title = Tell us about your care
step-your-care-hint = Use your own words. Write as much or as little as you want.
step-would-have-helped-title = What would have helped you or your family?
step-would-have-helped-hint = Please do not write anyone's name.
text-limit = You can write up to { $max } letters and spaces.
count-under-one = You can write { $count } more letter
count-under-other = You can write { $count } more letters
count-at-limit = You cannot write any more
count-over-one = Please take out { $count } letter
count-over-other = Please take out { $count } letters

## Questions about you

step-about-you-title = Questions about you
about-you-why-heading = Why we ask
about-you-why = Some people get worse care than others. These questions help us check that we listen to everyone.
about-you-use-heading = What we do with your answers
about-you-use = We keep your answers away from your feedback. We only use them to count people. We never use them to find out who you are.
about-you-postcode = If you give your postcode, we only keep the first part. For example, NR1.
about-you-choice = You do not have to answer. If you choose No, we will not ask these questions.
consent-legend = Do you want to answer some questions about you?
consent-yes = Yes. I agree to answer. I agree you can keep my answers.
consent-no = No, skip these questions
step-you-first-title = About you
step-you-second-title = More about you
q-ethnic = What is your ethnic group?
q-age = How old were you?
q-first-language = What language do you speak best?
q-interpreter = Did you need someone to help you understand English?
q-disability = Do you have a disability?
q-orientation = Who are you attracted to?
q-gender = Is your gender the same as when you were born?
q-religion = What is your religion?
q-experience = What care did you have?
q-experience-hint = You can choose more than one.
q-postcode = What is your home postcode?
q-postcode-hint = For example, NR1 3SR. We only keep the first part.
postcode-kept = We have kept: { $district }. You can leave it, or write your postcode again.
postcode-area = Area { $district }

ethnic-group-asian = Asian or Asian British
ethnic-group-black = Black, Black British, Caribbean or African
ethnic-group-mixed = Mixed or more than one ethnic group
ethnic-group-white = White
ethnic-group-other = Another ethnic group
ethnic-group-not_stated = I do not want to say
ethnic-A = English, Welsh, Scottish, Northern Irish or British
ethnic-B = Irish
ethnic-C = Another White background (also Gypsy, Irish Traveller or Roma)
ethnic-D = White and Black Caribbean
ethnic-E = White and Black African
ethnic-F = White and Asian
ethnic-G = Another mixed background
ethnic-H = Indian
ethnic-J = Pakistani
ethnic-K = Bangladeshi
ethnic-L = Another Asian background
ethnic-M = Caribbean
ethnic-N = African
ethnic-P = Another Black background
ethnic-R = Chinese
ethnic-S = Another ethnic group (also Arab)
ethnic-Z = I do not want to say

age-under_20 = Under 20
age-20_24 = 20 to 24
age-25_29 = 25 to 29
age-30_34 = 30 to 34
age-35_39 = 35 to 39
age-40_44 = 40 to 44
age-45_plus = 45 or older
age-prefer_not = I do not want to say

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
lang-prefer_not = I do not want to say

yesno-yes = Yes
yesno-no = No
yesno-prefer_not = I do not want to say

orientation-straight = Straight (people of the opposite sex)
orientation-gay_lesbian = Gay or lesbian (people of the same sex)
orientation-bisexual = Bisexual (people of both sexes)
orientation-other = Something else
orientation-prefer_not = I do not want to say

religion-none = No religion
religion-christian = Christian
religion-buddhist = Buddhist
religion-hindu = Hindu
religion-jewish = Jewish
religion-muslim = Muslim
religion-sikh = Sikh
religion-other = Another religion
religion-prefer_not = I do not want to say

experience-maternity = Care when I was pregnant, giving birth or after
experience-neonatal = Care for my baby on a special ward for babies
experience-bereavement = My baby died or I lost my pregnancy

## Check your answers

check-title = Check your answers
check-about-you = Questions about you
check-send-heading = Send your answers
check-send-text = Our team will read your answers. You cannot change them after you send them.
check-send = Send
check-nothing = You did not answer any questions. There is nothing to send. You can go back and answer some questions, or finish now.
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

error-too-long = Your answer is too long. You can write { $max } letters and spaces. You wrote { $count }.
error-month-missing = Please write the month too
error-year-missing = Please write the year too
error-month-invalid = Write the month as a number from 1 to 12
error-year-invalid = Write the year with 4 numbers. For example, 2025
error-in-future = The date must be this month or before
error-invalid-choice = Please choose one of the answers, or skip this question
error-postcode-invalid = Write a postcode like NR1 3SR, or leave it empty
error-rate-limited = Lots of answers have been sent from your phone or computer. Please wait { $minutes } minutes. Then press Send again. We have kept your answers.
error-too-large = Your answer is too long to send. Please make it shorter.

## After sending

sent-title = Thank you. We got your answers.
sent-nothing-title = Thank you for visiting
sent-nothing = You did not answer any questions. We did not get anything.
sent-next-heading = What happens next
sent-next = Our team reads all the answers. We tell the hospital what people say. We do not tell them your name. We work with the hospital to make things better.
sent-no-reply = We cannot write back to you. This is because we do not know who you are.
sent-support-heading = People who can help you
sent-again = Tell us something else

## Support

support-title = Get help and support now
support-intro = These groups can help you and your family. You do not need to finish the form first.
support-emergency-heading = In an emergency
support-emergency = If you or your baby are in danger now, phone 999.
support-local = Near you
support-back = Back to the feedback form
support-english = The information about these groups is in English.
topic-crisis = Help now if you feel you cannot cope
topic-bereavement = If your baby died
topic-perinatal_mental_health = Feeling low or worried when pregnant or after birth
topic-domestic_abuse = If someone at home hurts or scares you
topic-neonatal = If your baby is on a special ward for babies
topic-infant_feeding = Feeding your baby
topic-general = Other help

## Stopping

stop-title = Do you want to stop?
stop-text = We will delete your answers now. We will not send anything.
stop-confirm = Yes, stop and delete my answers
stop-cancel = No, go back to the questions
stopped-title = We deleted your answers
stopped-text = We did not send anything. You can close this page.
stopped-again = Start again

## Not found

notfound-title = We cannot find this form
notfound-text = The link may be wrong. Check the link on the poster or message.
closed-title = This form is closed
closed-text = { $mnvp } is not using this form right now.
notfound-others = See all feedback forms
