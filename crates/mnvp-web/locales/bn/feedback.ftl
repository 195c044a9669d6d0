# মতামত ফর্ম, বাংলায়। ব্যবহারের আগে এই অনুবাদটি একজন মাতৃভাষী (native speaker) দিয়ে যাচাই
# করাতে হবে। বার্তার নামগুলো en/feedback.ftl-এর মতোই রাখুন; এখানে HTML লিখবেন না।
# Bengali translation: needs review by a native speaker before use.

## Page furniture

skip-link = মূল বিষয়বস্তুতে যান
service-name = { $mnvp } মতামত
languages-label = একটি ভাষা বেছে নিন
support-now = এখনই সহায়তা নিন
back = পেছনে
continue = এগিয়ে যান
skip-question = এই প্রশ্নটি বাদ দিন
skip-questions = এই প্রশ্নগুলো বাদ দিন
progress = প্রশ্ন { $number }, মোট { $total }টির মধ্যে
stop-any-time = আপনি যেকোনো সময় থামতে পারেন।
stop-link = থামুন এবং আমার উত্তর মুছে ফেলুন
error-summary-title = একটি সমস্যা আছে
error-prefix = ত্রুটি:
footer-links = সহায়ক লিংক
footer-accessibility = অ্যাক্সেসিবিলিটি বিবৃতি (ইংরেজিতে)
footer-privacy = গোপনীয়তা বিজ্ঞপ্তি (ইংরেজিতে)
footer-about = MNVP Hub – Maternity and Neonatal Voices Partnerships-এর জন্য ওপেন-সোর্স সফটওয়্যার
content-note-label = বিষয়বস্তু সম্পর্কে সতর্কতা
content-note-journey = পরের প্রশ্নে একটি শিশুর মৃত্যু এবং গর্ভপাতের কথা আছে। আপনি চাইলে এটি বাদ দিতে পারেন।
content-note-stages = পরের প্রশ্নে নবজাতক ইউনিটে (নিওনেটাল ইউনিট) চিকিৎসার কথা আছে। আপনি চাইলে এটি বাদ দিতে পারেন।
not-answered = উত্তর দেওয়া হয়নি
change = পরিবর্তন করুন
select-blank = একটি উত্তর বেছে নিন
support-aside-title = আপনার যদি সহায়তা দরকার হয়
support-aside-text = আপনি ফর্মটি শেষ করুন বা না করুন, যেকোনো সময় সহায়তা পেতে পারেন।
support-aside-bereaved = আপনার শিশু মারা গিয়ে থাকলে, Sands এবং অন্যান্য সংস্থা আপনাকে ও আপনার পরিবারকে সাহায্য করতে পারে।

## The list of forms

index-title = প্রসূতি বা নবজাতক সেবা নিয়ে মতামত দিন
index-intro = যেখানে আপনি সেবা পেয়েছেন, সেই জায়গার Maternity and Neonatal Voices Partnership (MNVP) বেছে নিন।
index-none = এই মুহূর্তে কোনো মতামত ফর্ম খোলা নেই।

## Start page

start-title = আপনার প্রসূতি বা নবজাতক সেবা সম্পর্কে আমাদের বলুন
start-lede = { $mnvp } নারী, সন্তান জন্মদানকারী মানুষ এবং পরিবারের কথা শোনে, যাতে সবার জন্য সেবা আরও ভালো হয়।
start-what = আমরা আপনার সেবা সম্পর্কে জানতে চাই: কী ভালো হয়েছে এবং কী আরও ভালো হতে পারত। ভালো বা খারাপ, বড় বা ছোট – সবকিছুই কাজে লাগে।
start-how-heading = শুরু করার আগে
start-anonymous = আপনার নাম দেওয়ার দরকার নেই। অনুগ্রহ করে উত্তরে কারো নাম বা যোগাযোগের তথ্য লিখবেন না।
start-skip = প্রতিটি প্রশ্ন ঐচ্ছিক। আপনি যেকোনো প্রশ্ন বাদ দিতে পারেন।
start-stop = আপনি যেকোনো সময় থামতে এবং আপনার উত্তর মুছে ফেলতে পারেন।
start-time = সাধারণত প্রায় ৫ মিনিট লাগে।
start-who = MNVP দল আপনার কথা পড়ে। তারা মানুষের কথা, নাম ছাড়া, হাসপাতালকে জানায় যাতে সেবা আরও ভালো হয়।
start-urgent = এই ফর্মটি চিকিৎসা সহায়তা বা অভিযোগের জন্য নয়। চিকিৎসা সহায়তা দরকার হলে আপনার প্রসূতি ইউনিটে যোগাযোগ করুন বা 111-এ ফোন করুন। জরুরি অবস্থায় 999-এ ফোন করুন।
start-bereaved-heading = আপনার শিশু মারা গিয়ে থাকলে বা গর্ভপাত হয়ে থাকলে
start-bereaved = আমরা গভীরভাবে দুঃখিত। আপনার জন্য ছোট ও কোমল প্রশ্নের একটি আলাদা সেট আছে। প্রথম পাতায় আপনি এটি বেছে নিতে পারবেন।
start-button = এখনই শুরু করুন

## Question: which route

step-journey-title = কোনটি আপনার অভিজ্ঞতাকে সবচেয়ে ভালোভাবে বর্ণনা করে?
step-journey-hint = এতে আমরা আপনাকে সঠিক প্রশ্নগুলো করতে পারব।
journey-standard = আমি গর্ভাবস্থা, প্রসব বা তার পরের সময়ে আমার সেবা, অথবা আমার শিশুর সেবা সম্পর্কে বলতে চাই
journey-bereaved = আমার শিশু মারা গেছে, অথবা আমার গর্ভপাত হয়েছে
journey-bereaved-hint = আপনি কম প্রশ্ন দেখবেন, এবং প্রথমে শোকাহত পরিবারের জন্য সহায়তার তথ্য দেখবেন।

## Question: where

step-unit-title = আপনি কোথায় সেবা পেয়েছেন?
step-unit-hint = একাধিক জায়গায় হলে, যেটি সম্পর্কে বলতে চান সেটি বেছে নিন।
unit-elsewhere = অন্য কোথাও, অথবা আমি নিশ্চিত নই

## Question: stages of care

step-stages-title = আপনার সেবার কোন অংশগুলো সম্পর্কে বলতে চান?
step-stages-hint = প্রযোজ্য সবগুলো বেছে নিন।
stage-antenatal = গর্ভাবস্থা (প্রসবপূর্ব সেবা)
stage-labour_birth = প্রসব বেদনা ও জন্ম
stage-postnatal_hospital = জন্মের পর হাসপাতালে সেবা
stage-postnatal_home = জন্মের পর বাড়িতে সেবা
stage-neonatal = নবজাতক ইউনিটে আমার শিশুর সেবা
stage-bereavement = শিশু হারানোর পরের সেবা

## Question: when

step-when-title = আপনি কখন সেবা পেয়েছেন?
step-when-hint = কয়েক মাস ধরে হলে, কখন শেষ হয়েছে তা বলুন। যেমন, 3 2026
when-month = মাস
when-year = বছর

## Question: rating

step-rating-title = সব মিলিয়ে, আপনার সেবা কেমন ছিল?
rating-5 = খুব ভালো
rating-4 = ভালো
rating-3 = ভালোও না, খারাপও না
rating-2 = খারাপ
rating-1 = খুব খারাপ

## Questions in your own words

step-went-well-title = কী ভালো হয়েছে?
step-went-well-hint = যা আপনার কাছে গুরুত্বপূর্ণ ছিল সে সম্পর্কে বলুন। অনুগ্রহ করে কারো নাম বা যোগাযোগের তথ্য লিখবেন না।
step-better-title = কী আরও ভালো হতে পারত?
step-better-hint = কী হলে আপনার সেবা আরও ভালো হতো, তা বলুন। অনুগ্রহ করে কারো নাম বা যোগাযোগের তথ্য লিখবেন না।
step-anything-else-title = আপনি কি আমাদের আর কিছু বলতে চান?
step-anything-else-hint = আপনার বা আপনার পরিবারের সেবা সম্পর্কে যেকোনো কিছু।
step-your-care-title = আপনার সেবা সম্পর্কে আমাদের বলুন
step-your-care-hint = নিজের ভাষায়, যতটা চান ততটা: আপনি ও আপনার শিশু কী সেবা পেয়েছেন, এবং আপনার ও আপনার পরিবারের সাথে কেমন আচরণ করা হয়েছে।
step-would-have-helped-title = এমন কিছু কি ছিল যা আপনাকে বা আপনার পরিবারকে সাহায্য করতে পারত?
step-would-have-helped-hint = তখন, বা তার পরে। অনুগ্রহ করে কারো নাম বা যোগাযোগের তথ্য লিখবেন না।
text-limit = আপনি { $max } অক্ষর পর্যন্ত লিখতে পারবেন।
count-under-one = বাকি অক্ষর: { $count }
count-under-other = বাকি অক্ষর: { $count }
count-at-limit = আর কোনো অক্ষর বাকি নেই
count-over-one = অতিরিক্ত অক্ষর: { $count }
count-over-other = অতিরিক্ত অক্ষর: { $count }

## Questions about you

step-about-you-title = আপনার সম্পর্কে প্রশ্ন
about-you-why-heading = কেন আমরা জিজ্ঞেস করি
about-you-why = কিছু গোষ্ঠীর মানুষ খারাপ সেবা পায় এবং তাদের ফলাফলও খারাপ হয়। এই প্রশ্নগুলো আমাদের দেখতে সাহায্য করে যে আমরা এলাকার সবার কথা শুনছি কিনা, এবং কোথায় সেবা ন্যায্য নয়।
about-you-use-heading = আমরা আপনার উত্তর কীভাবে ব্যবহার করি
about-you-use = আপনার উত্তর আপনার মতামত থেকে আলাদা রাখা হয়। আমরা শুধু গুনে দেখতে এগুলো ব্যবহার করি যে কাদের কাছ থেকে শুনছি – আপনি কে তা জানতে কখনো নয়। শুধু এমন বড় গোষ্ঠীর সংখ্যা জানানো হয় যাতে কাউকে চেনা না যায়।
about-you-postcode = আপনি পোস্টকোড দিলে আমরা শুধু প্রথম অংশটি (যেমন NR1) এবং এলাকাটি রাখি, কখনো পুরো পোস্টকোড নয়।
about-you-choice = আপনি যেকোনো প্রশ্ন বাদ দিতে পারেন। আপনি না বেছে নিলে আমরা এই প্রশ্নগুলো করব না এবং আপনার সম্পর্কে কিছুই রাখব না।
consent-legend = আপনি কি নিজের সম্পর্কে কয়েকটি প্রশ্নের উত্তর দিতে চান?
consent-yes = হ্যাঁ, আমি কয়েকটি প্রশ্নের উত্তর দিতে এবং বর্ণনা অনুযায়ী আমার উত্তর রাখতে সম্মত
consent-no = না, এই প্রশ্নগুলো বাদ দিন
step-you-first-title = আপনার সম্পর্কে
step-you-second-title = আপনার সম্পর্কে, আরও কিছু
q-ethnic = আপনার জাতিগত গোষ্ঠী কী?
q-age = এই সেবা পাওয়ার সময় আপনার বয়স কত ছিল?
q-first-language = আপনার প্রথম ভাষা কী?
q-interpreter = আপনার কি দোভাষীর দরকার হয়েছিল?
q-disability = আপনি কি নিজেকে প্রতিবন্ধী মনে করেন?
q-orientation = কোনটি আপনার যৌন অভিমুখিতাকে সবচেয়ে ভালোভাবে বর্ণনা করে?
q-gender = আপনি যে লিঙ্গ পরিচয় ধারণ করেন, তা কি জন্মের সময় নিবন্ধিত লিঙ্গের সাথে একই?
q-religion = আপনার ধর্ম কী?
q-experience = এটি কী ধরনের সেবা ছিল?
q-experience-hint = প্রযোজ্য সবগুলো বেছে নিন।
q-postcode = আপনার বাড়ির পোস্টকোড কী?
q-postcode-hint = যেমন, NR1 3SR। আমরা শুধু প্রথম অংশ এবং এলাকাটি রাখি।
postcode-kept = আমরা রেখেছি: { $district }। এভাবেই রেখে দিন, অথবা পরিবর্তন করতে আবার পোস্টকোড লিখুন।
postcode-area = এলাকা { $district }

ethnic-group-asian = এশীয় বা ব্রিটিশ এশীয়
ethnic-group-black = কৃষ্ণাঙ্গ, ব্রিটিশ কৃষ্ণাঙ্গ, ক্যারিবিয়ান বা আফ্রিকান
ethnic-group-mixed = মিশ্র বা একাধিক জাতিগত গোষ্ঠী
ethnic-group-white = শ্বেতাঙ্গ
ethnic-group-other = অন্য জাতিগত গোষ্ঠী
ethnic-group-not_stated = বলতে চাই না
ethnic-A = ইংলিশ, ওয়েলশ, স্কটিশ, নর্দান আইরিশ বা ব্রিটিশ
ethnic-B = আইরিশ
ethnic-C = অন্য কোনো শ্বেতাঙ্গ পটভূমি (জিপসি, আইরিশ ট্র্যাভেলার বা রোমা সহ)
ethnic-D = শ্বেতাঙ্গ ও কৃষ্ণাঙ্গ ক্যারিবিয়ান
ethnic-E = শ্বেতাঙ্গ ও কৃষ্ণাঙ্গ আফ্রিকান
ethnic-F = শ্বেতাঙ্গ ও এশীয়
ethnic-G = অন্য কোনো মিশ্র পটভূমি
ethnic-H = ভারতীয়
ethnic-J = পাকিস্তানি
ethnic-K = বাংলাদেশি
ethnic-L = অন্য কোনো এশীয় পটভূমি
ethnic-M = ক্যারিবিয়ান
ethnic-N = আফ্রিকান
ethnic-P = অন্য কোনো কৃষ্ণাঙ্গ বা ক্যারিবিয়ান পটভূমি
ethnic-R = চীনা
ethnic-S = অন্য কোনো জাতিগত গোষ্ঠী (আরব সহ)
ethnic-Z = বলতে চাই না

age-under_20 = ২০-এর কম
age-20_24 = ২০ থেকে ২৪
age-25_29 = ২৫ থেকে ২৯
age-30_34 = ৩০ থেকে ৩৪
age-35_39 = ৩৫ থেকে ৩৯
age-40_44 = ৪০ থেকে ৪৪
age-45_plus = ৪৫ বা তার বেশি
age-prefer_not = বলতে চাই না

lang-en = ইংরেজি
lang-ar = আরবি
lang-bn = বাংলা
lang-zh = চীনা (ম্যান্ডারিন বা ক্যান্টোনিজ)
lang-fa = ফারসি বা দারি
lang-fr = ফরাসি
lang-gu = গুজরাটি
lang-ku = কুর্দি
lang-lt = লিথুয়ানীয়
lang-ps = পশতু
lang-pl = পোলিশ
lang-pt = পর্তুগিজ
lang-pa = পাঞ্জাবি
lang-ro = রোমানীয়
lang-so = সোমালি
lang-es = স্প্যানিশ
lang-ta = তামিল
lang-ti = তিগ্রিনিয়া
lang-tr = তুর্কি
lang-uk = ইউক্রেনীয়
lang-ur = উর্দু
lang-other = অন্য ভাষা
lang-bsl = ব্রিটিশ সাংকেতিক ভাষা
lang-prefer_not = বলতে চাই না

yesno-yes = হ্যাঁ
yesno-no = না
yesno-prefer_not = বলতে চাই না

orientation-straight = বিষমকামী
orientation-gay_lesbian = সমকামী (গে বা লেসবিয়ান)
orientation-bisexual = উভকামী
orientation-other = অন্য যৌন অভিমুখিতা
orientation-prefer_not = বলতে চাই না

religion-none = কোনো ধর্ম নেই
religion-christian = খ্রিস্টান
religion-buddhist = বৌদ্ধ
religion-hindu = হিন্দু
religion-jewish = ইহুদি
religion-muslim = মুসলিম
religion-sikh = শিখ
religion-other = অন্য ধর্ম
religion-prefer_not = বলতে চাই না

experience-maternity = প্রসূতি সেবা (গর্ভাবস্থা, জন্ম এবং জন্মের পরে)
experience-neonatal = নবজাতক সেবা (নবজাতক ইউনিটে শিশু)
experience-bereavement = শিশু বা গর্ভ হারানো

## Check your answers

check-title = পাঠানোর আগে আপনার উত্তরগুলো দেখে নিন
check-about-you = আপনার সম্পর্কে প্রশ্ন
check-send-heading = এখন আপনার মতামত পাঠান
check-send-text = পাঠানোর পর MNVP দল প্রথম পাতায় বর্ণনা অনুযায়ী আপনার মতামত পড়বে। পরে আর এটি পরিবর্তন করা যাবে না।
check-send = মতামত পাঠান
check-nothing = আপনি কোনো প্রশ্নের উত্তর দেননি, তাই পাঠানোর কিছু নেই। আপনি ফিরে গিয়ে কিছু প্রশ্নের উত্তর দিতে পারেন, অথবা এখনই শেষ করতে পারেন।
check-finish = শেষ করুন
honeypot-label = এই ঘরটি খালি রাখুন
month-1 = জানুয়ারি
month-2 = ফেব্রুয়ারি
month-3 = মার্চ
month-4 = এপ্রিল
month-5 = মে
month-6 = জুন
month-7 = জুলাই
month-8 = আগস্ট
month-9 = সেপ্টেম্বর
month-10 = অক্টোবর
month-11 = নভেম্বর
month-12 = ডিসেম্বর

## Errors

error-too-long = আপনার উত্তর সর্বোচ্চ { $max } অক্ষরের হতে পারে। আপনি লিখেছেন { $count } অক্ষর।
error-month-missing = বছরের সাথে মাসও লিখুন
error-year-missing = মাসের সাথে বছরও লিখুন
error-month-invalid = মাসটি ১ থেকে ১২-এর মধ্যে একটি সংখ্যা হিসেবে লিখুন
error-year-invalid = বছরটি ৪ অঙ্কে লিখুন, যেমন 2025
error-in-future = তারিখটি এই মাস বা তার আগের হতে হবে
error-invalid-choice = বিকল্পগুলোর একটি বেছে নিন, অথবা এই প্রশ্নটি বাদ দিন
error-postcode-invalid = NR1 3SR-এর মতো একটি পোস্টকোড লিখুন, অথবা খালি রাখুন
error-rate-limited = গত এক ঘণ্টায় আপনার ডিভাইস বা নেটওয়ার্ক থেকে অনেক মতামত পাঠানো হয়েছে। অনুগ্রহ করে { $minutes } মিনিট অপেক্ষা করুন, তারপর আবার “মতামত পাঠান” চাপুন। আপনার উত্তর সংরক্ষিত আছে।
error-too-large = আপনি যা পাঠিয়েছেন তা গ্রহণ করার জন্য খুব দীর্ঘ। অনুগ্রহ করে উত্তরটি ছোট করে আবার চেষ্টা করুন।

## After sending

sent-title = ধন্যবাদ, আপনার মতামত পাঠানো হয়েছে
sent-nothing-title = আসার জন্য ধন্যবাদ
sent-nothing = আপনি কোনো প্রশ্নের উত্তর দেননি, তাই কিছুই পাঠানো হয়নি।
sent-next-heading = এরপর কী হবে
sent-next = MNVP দল সব মতামত পড়ে। তারা মানুষের কথা, নাম ছাড়া, হাসপাতালকে জানায় এবং কর্মীদের সাথে কাজ করে পরিবর্তন আনে।
sent-no-reply = আমরা আপনাকে উত্তর দিতে পারব না, কারণ আমরা জানি না আপনি কে।
sent-support-heading = যে সহায়তা আপনার কাজে লাগতে পারে
sent-again = আরও মতামত দিন

## Support

support-title = এখনই সহায়তা নিন
support-intro = এই সংস্থাগুলো আপনাকে ও আপনার পরিবারকে সাহায্য করতে পারে। আগে মতামত ফর্ম শেষ করার দরকার নেই।
support-emergency-heading = জরুরি অবস্থায়
support-emergency = আপনি বা আপনার শিশু যদি তাৎক্ষণিক বিপদে থাকেন, 999-এ ফোন করুন।
support-local = স্থানীয়
support-back = মতামত ফর্মে ফিরে যান
support-english = সংস্থাগুলোর তথ্য ইংরেজিতে দেওয়া আছে।
topic-crisis = সংকটে থাকলে জরুরি সাহায্য
topic-bereavement = শিশু হারানোর পরে
topic-perinatal_mental_health = গর্ভাবস্থায় ও জন্মের পরে মানসিক স্বাস্থ্য
topic-domestic_abuse = পারিবারিক নির্যাতন
topic-neonatal = নবজাতক সেবায় থাকা শিশুর পরিবার
topic-infant_feeding = শিশুকে খাওয়ানো
topic-general = অন্যান্য সহায়তা ও পরামর্শ

## Stopping

stop-title = আপনি কি থামতে এবং আপনার উত্তর মুছে ফেলতে চান?
stop-text = কিছুই পাঠানো হবে না। আপনার উত্তর সাথে সাথে মুছে ফেলা হবে।
stop-confirm = হ্যাঁ, থামুন এবং আমার উত্তর মুছে ফেলুন
stop-cancel = না, প্রশ্নগুলোতে ফিরে যান
stopped-title = আপনার উত্তর মুছে ফেলা হয়েছে
stopped-text = কিছুই পাঠানো হয়নি। আপনি এখন এই পাতাটি বন্ধ করতে পারেন।
stopped-again = আবার শুরু করুন

## Not found

notfound-title = আমরা এই মতামত ফর্মটি খুঁজে পাচ্ছি না
notfound-text = লিংকটি ভুল হতে পারে, অথবা ফর্মটি সরানো হয়েছে। আপনাকে দেওয়া পোস্টার বা বার্তার লিংকটি দেখুন।
closed-title = এই মতামত ফর্মটি বন্ধ আছে
closed-text = { $mnvp } এই মুহূর্তে এই ফর্মের মাধ্যমে মতামত নিচ্ছে না।
notfound-others = সব মতামত ফর্ম দেখুন
