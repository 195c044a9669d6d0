# رائے کا فارم، اردو میں۔ استعمال سے پہلے اس ترجمے کی جانچ کسی اہلِ زبان (native speaker) سے
# کروانا ضروری ہے۔ پیغامات کے نام en/feedback.ftl جیسے ہی رکھیں؛ یہاں HTML نہ لکھیں۔
# Urdu translation (right to left): needs review by a native speaker before use.

## Page furniture

skip-link = مرکزی مواد پر جائیں
service-name = { $mnvp } رائے
languages-label = زبان منتخب کریں
support-now = ابھی مدد حاصل کریں
back = واپس
continue = آگے بڑھیں
skip-question = یہ سوال چھوڑ دیں
skip-questions = یہ سوالات چھوڑ دیں
progress = سوال { $number } از { $total }
stop-any-time = آپ کسی بھی وقت رک سکتی ہیں۔
stop-link = رک جائیں اور میرے جوابات مٹا دیں
error-summary-title = ایک مسئلہ ہے
error-prefix = خرابی:
footer-links = مددگار روابط
footer-accessibility = رسائی کا بیان (انگریزی میں)
footer-privacy = رازداری کا نوٹس (انگریزی میں)
footer-about = MNVP Hub – Maternity and Neonatal Voices Partnerships کے لیے اوپن سورس سافٹ ویئر
content-note-label = مواد کے بارے میں نوٹ
content-note-journey = اگلے سوال میں بچے کی وفات اور حمل ضائع ہونے کا ذکر ہے۔ آپ اسے چھوڑ سکتی ہیں۔
content-note-stages = اگلے سوال میں نوزائیدہ بچوں کے یونٹ (نیونیٹل یونٹ) میں دیکھ بھال کا ذکر ہے۔ آپ اسے چھوڑ سکتی ہیں۔
not-answered = جواب نہیں دیا
change = تبدیل کریں
select-blank = ایک جواب منتخب کریں
support-aside-title = اگر آپ کو مدد چاہیے
support-aside-text = آپ فارم مکمل کریں یا نہ کریں، کسی بھی وقت مدد حاصل کر سکتی ہیں۔
support-aside-bereaved = اگر آپ کا بچہ فوت ہو گیا ہے تو Sands اور دوسری تنظیمیں آپ اور آپ کے خاندان کی مدد کر سکتی ہیں۔

## The list of forms

index-title = زچگی یا نوزائیدہ کی دیکھ بھال کے بارے میں رائے دیں
index-intro = اس جگہ کی Maternity and Neonatal Voices Partnership (MNVP) منتخب کریں جہاں آپ کی دیکھ بھال ہوئی۔
index-none = اس وقت رائے کا کوئی فارم کھلا نہیں ہے۔

## Start page

start-title = اپنی زچگی یا نوزائیدہ کی دیکھ بھال کے بارے میں ہمیں بتائیں
start-lede = { $mnvp } خواتین، بچے کو جنم دینے والے افراد اور خاندانوں کی بات سنتی ہے، تاکہ سب کے لیے دیکھ بھال بہتر ہو۔
start-what = ہم آپ کی دیکھ بھال کے بارے میں سننا چاہتے ہیں: کیا اچھا رہا اور کیا بہتر ہو سکتا تھا۔ اچھا ہو یا برا، بڑا ہو یا چھوٹا، سب کچھ مدد کرتا ہے۔
start-how-heading = شروع کرنے سے پہلے
start-anonymous = آپ کو اپنا نام بتانے کی ضرورت نہیں۔ براہِ کرم اپنے جوابات میں کسی کا نام یا رابطے کی تفصیلات نہ لکھیں۔
start-skip = ہر سوال اختیاری ہے۔ آپ کوئی بھی سوال چھوڑ سکتی ہیں۔
start-stop = آپ کسی بھی وقت رک سکتی ہیں اور اپنے جوابات مٹا سکتی ہیں۔
start-time = عام طور پر تقریباً 5 منٹ لگتے ہیں۔
start-who = MNVP کی ٹیم آپ کی باتیں پڑھتی ہے۔ وہ لوگوں کی باتیں، نام کے بغیر، ہسپتال تک پہنچاتی ہے تاکہ دیکھ بھال بہتر ہو۔
start-urgent = یہ فارم طبی مدد یا شکایت کے لیے نہیں ہے۔ اگر آپ کو طبی مدد چاہیے تو اپنے زچگی یونٹ سے رابطہ کریں یا 111 پر فون کریں۔ ہنگامی صورت میں 999 پر فون کریں۔
start-bereaved-heading = اگر آپ کا بچہ فوت ہو گیا یا آپ کا حمل ضائع ہو گیا
start-bereaved = ہمیں بے حد افسوس ہے۔ آپ کے لیے سوالات کا ایک مختصر اور نرم مجموعہ موجود ہے۔ آپ اسے پہلے صفحے پر منتخب کر سکتی ہیں۔
start-button = ابھی شروع کریں

## Question: which route

step-journey-title = ان میں سے کون سی بات آپ کے تجربے کو سب سے بہتر بیان کرتی ہے؟
step-journey-hint = اس سے ہمیں آپ سے درست سوالات پوچھنے میں مدد ملتی ہے۔
journey-standard = میں حمل، ولادت یا اس کے بعد اپنی دیکھ بھال، یا اپنے بچے کی دیکھ بھال کے بارے میں بتانا چاہتی ہوں
journey-bereaved = میرا بچہ فوت ہو گیا، یا میرا حمل ضائع ہو گیا
journey-bereaved-hint = آپ کو کم سوالات نظر آئیں گے، اور سب سے پہلے سوگوار خاندانوں کے لیے مدد۔

## Question: where

step-unit-title = آپ کی دیکھ بھال کہاں ہوئی؟
step-unit-hint = اگر ایک سے زیادہ جگہوں پر ہوئی تو وہ جگہ منتخب کریں جس کے بارے میں آپ بتانا چاہتی ہیں۔
unit-elsewhere = کہیں اور، یا مجھے یقین نہیں

## Question: stages of care

step-stages-title = آپ اپنی دیکھ بھال کے کن حصوں کے بارے میں بتانا چاہتی ہیں؟
step-stages-hint = جو بھی لاگو ہوں سب منتخب کریں۔
stage-antenatal = حمل (زچگی سے پہلے کی دیکھ بھال)
stage-labour_birth = دردِ زہ اور ولادت
stage-postnatal_hospital = ولادت کے بعد ہسپتال میں دیکھ بھال
stage-postnatal_home = ولادت کے بعد گھر پر دیکھ بھال
stage-neonatal = نوزائیدہ بچوں کے یونٹ میں میرے بچے کی دیکھ بھال
stage-bereavement = بچے کی وفات کے بعد دیکھ بھال

## Question: when

step-when-title = آپ کی دیکھ بھال کب ہوئی؟
step-when-hint = اگر یہ کئی مہینوں تک رہی تو بتائیں کہ کب ختم ہوئی۔ مثال کے طور پر، 3 2026
when-month = مہینہ
when-year = سال

## Question: rating

step-rating-title = مجموعی طور پر، آپ کی دیکھ بھال کیسی رہی؟
rating-5 = بہت اچھی
rating-4 = اچھی
rating-3 = نہ اچھی نہ بری
rating-2 = بری
rating-1 = بہت بری

## Questions in your own words

step-went-well-title = کیا اچھا رہا؟
step-went-well-hint = ہر اس بات کے بارے میں بتائیں جس سے آپ کو فرق پڑا۔ براہِ کرم کسی کا نام یا رابطے کی تفصیلات نہ لکھیں۔
step-better-title = کیا بہتر ہو سکتا تھا؟
step-better-hint = بتائیں کہ کس چیز سے آپ کی دیکھ بھال بہتر ہوتی۔ براہِ کرم کسی کا نام یا رابطے کی تفصیلات نہ لکھیں۔
step-anything-else-title = کیا آپ ہمیں کچھ اور بتانا چاہتی ہیں؟
step-anything-else-hint = آپ کی یا آپ کے خاندان کی دیکھ بھال کے بارے میں کچھ بھی۔
step-your-care-title = اپنی دیکھ بھال کے بارے میں ہمیں بتائیں
step-your-care-hint = اپنے الفاظ میں، جتنا چاہیں کم یا زیادہ: آپ کی اور آپ کے بچے کی دیکھ بھال، اور آپ اور آپ کے خاندان کے ساتھ کیسا سلوک ہوا۔
step-would-have-helped-title = کیا کوئی چیز آپ کی یا آپ کے خاندان کی مدد کر سکتی تھی؟
step-would-have-helped-hint = اس وقت، یا اس کے بعد۔ براہِ کرم کسی کا نام یا رابطے کی تفصیلات نہ لکھیں۔
text-limit = آپ { $max } حروف تک لکھ سکتی ہیں۔
count-under-one = باقی حروف: { $count }
count-under-other = باقی حروف: { $count }
count-at-limit = کوئی حرف باقی نہیں
count-over-one = زائد حروف: { $count }
count-over-other = زائد حروف: { $count }

## Questions about you

step-about-you-title = آپ کے بارے میں سوالات
about-you-why-heading = ہم کیوں پوچھتے ہیں
about-you-why = کچھ گروہوں کے لوگوں کو کم تر دیکھ بھال ملتی ہے اور ان کے نتائج بھی برے ہوتے ہیں۔ یہ سوالات ہمیں یہ جانچنے میں مدد دیتے ہیں کہ ہم اپنے علاقے میں سب کی بات سن رہے ہیں، اور یہ جاننے میں کہ کہاں دیکھ بھال منصفانہ نہیں۔
about-you-use-heading = ہم آپ کے جوابات کیسے استعمال کرتے ہیں
about-you-use = آپ کے جوابات آپ کی رائے سے الگ رکھے جاتے ہیں۔ ہم انہیں صرف یہ گننے کے لیے استعمال کرتے ہیں کہ ہم کن لوگوں سے سن رہے ہیں، یہ جاننے کے لیے کبھی نہیں کہ آپ کون ہیں۔ ہم صرف اتنے بڑے گروہوں کی تعداد بتاتے ہیں کہ کسی کو پہچانا نہ جا سکے۔
about-you-postcode = اگر آپ اپنا پوسٹ کوڈ دیں تو ہم صرف اس کا پہلا حصہ (جیسے NR1) اور علاقہ رکھتے ہیں، پورا پوسٹ کوڈ کبھی نہیں۔
about-you-choice = آپ کوئی بھی سوال چھوڑ سکتی ہیں۔ اگر آپ نہیں منتخب کریں تو ہم یہ سوالات نہیں پوچھیں گے اور آپ کے بارے میں کچھ نہیں رکھیں گے۔
consent-legend = کیا آپ اپنے بارے میں کچھ سوالات کے جواب دینا چاہیں گی؟
consent-yes = جی ہاں، میں کچھ سوالات کے جواب دینے اور اپنے جوابات بیان کردہ طریقے سے رکھے جانے پر رضامند ہوں
consent-no = نہیں، یہ سوالات چھوڑ دیں
step-you-first-title = آپ کے بارے میں
step-you-second-title = آپ کے بارے میں، جاری
q-ethnic = آپ کا نسلی گروہ کیا ہے؟
q-age = یہ دیکھ بھال ملتے وقت آپ کی عمر کیا تھی؟
q-first-language = آپ کی پہلی زبان کون سی ہے؟
q-interpreter = کیا آپ کو ترجمان کی ضرورت تھی؟
q-disability = کیا آپ خود کو معذور سمجھتی ہیں؟
q-orientation = ان میں سے کون سی بات آپ کے جنسی رجحان کو سب سے بہتر بیان کرتی ہے؟
q-gender = کیا آپ کی صنفی شناخت وہی ہے جو پیدائش کے وقت درج کی گئی جنس تھی؟
q-religion = آپ کا مذہب کیا ہے؟
q-experience = یہ کس قسم کی دیکھ بھال تھی؟
q-experience-hint = جو بھی لاگو ہوں سب منتخب کریں۔
q-postcode = آپ کے گھر کا پوسٹ کوڈ کیا ہے؟
q-postcode-hint = مثال کے طور پر، NR1 3SR۔ ہم صرف پہلا حصہ اور علاقہ رکھتے ہیں۔
postcode-kept = ہم نے رکھا ہے: { $district }۔ اسے ایسے ہی رہنے دیں، یا تبدیل کرنے کے لیے دوبارہ پوسٹ کوڈ لکھیں۔
postcode-area = علاقہ { $district }

ethnic-group-asian = ایشیائی یا برطانوی ایشیائی
ethnic-group-black = سیاہ فام، برطانوی سیاہ فام، کیریبین یا افریقی
ethnic-group-mixed = مخلوط یا ایک سے زیادہ نسلی گروہ
ethnic-group-white = سفید فام
ethnic-group-other = کوئی اور نسلی گروہ
ethnic-group-not_stated = بتانا نہیں چاہتی
ethnic-A = انگریز، ویلش، اسکاٹش، شمالی آئرش یا برطانوی
ethnic-B = آئرش
ethnic-C = کوئی اور سفید فام پس منظر (بشمول جپسی، آئرش ٹریولر یا روما)
ethnic-D = سفید فام اور سیاہ فام کیریبین
ethnic-E = سفید فام اور سیاہ فام افریقی
ethnic-F = سفید فام اور ایشیائی
ethnic-G = کوئی اور مخلوط پس منظر
ethnic-H = بھارتی
ethnic-J = پاکستانی
ethnic-K = بنگلہ دیشی
ethnic-L = کوئی اور ایشیائی پس منظر
ethnic-M = کیریبین
ethnic-N = افریقی
ethnic-P = کوئی اور سیاہ فام یا کیریبین پس منظر
ethnic-R = چینی
ethnic-S = کوئی اور نسلی گروہ (بشمول عرب)
ethnic-Z = بتانا نہیں چاہتی

age-under_20 = 20 سے کم
age-20_24 = 20 سے 24
age-25_29 = 25 سے 29
age-30_34 = 30 سے 34
age-35_39 = 35 سے 39
age-40_44 = 40 سے 44
age-45_plus = 45 یا زیادہ
age-prefer_not = بتانا نہیں چاہتی

lang-en = انگریزی
lang-ar = عربی
lang-bn = بنگالی
lang-zh = چینی (مینڈرن یا کینٹونیز)
lang-fa = فارسی یا دری
lang-fr = فرانسیسی
lang-gu = گجراتی
lang-ku = کرد
lang-lt = لتھوانیائی
lang-ps = پشتو
lang-pl = پولش
lang-pt = پرتگالی
lang-pa = پنجابی
lang-ro = رومانیائی
lang-so = صومالی
lang-es = ہسپانوی
lang-ta = تمل
lang-ti = تگرینیا
lang-tr = ترکی
lang-uk = یوکرینی
lang-ur = اردو
lang-other = کوئی اور زبان
lang-bsl = برٹش سائن لینگوئج (اشاروں کی زبان)
lang-prefer_not = بتانا نہیں چاہتی

yesno-yes = جی ہاں
yesno-no = نہیں
yesno-prefer_not = بتانا نہیں چاہتی

orientation-straight = مخالف جنس کی طرف رجحان (ہیٹروسیکشوئل)
orientation-gay_lesbian = ہم جنس پرست (گے یا لیسبیئن)
orientation-bisexual = دونوں جنسوں کی طرف رجحان (بائی سیکشوئل)
orientation-other = کوئی اور جنسی رجحان
orientation-prefer_not = بتانا نہیں چاہتی

religion-none = کوئی مذہب نہیں
religion-christian = عیسائی
religion-buddhist = بدھ مت
religion-hindu = ہندو
religion-jewish = یہودی
religion-muslim = مسلمان
religion-sikh = سکھ
religion-other = کوئی اور مذہب
religion-prefer_not = بتانا نہیں چاہتی

experience-maternity = زچگی کی دیکھ بھال (حمل، ولادت اور ولادت کے بعد)
experience-neonatal = نوزائیدہ کی دیکھ بھال (نیونیٹل یونٹ میں بچہ)
experience-bereavement = بچے یا حمل کا ضائع ہونا

## Check your answers

check-title = بھیجنے سے پہلے اپنے جوابات دیکھ لیں
check-about-you = آپ کے بارے میں سوالات
check-send-heading = اب اپنی رائے بھیجیں
check-send-text = بھیجنے کے بعد MNVP کی ٹیم آپ کی رائے اسی طرح پڑھے گی جیسے پہلے صفحے پر بتایا گیا ہے۔ بعد میں آپ اسے تبدیل نہیں کر سکیں گی۔
check-send = رائے بھیجیں
check-nothing = آپ نے کسی سوال کا جواب نہیں دیا، اس لیے بھیجنے کے لیے کچھ نہیں ہے۔ آپ واپس جا کر کچھ سوالات کے جواب دے سکتی ہیں، یا ابھی ختم کر سکتی ہیں۔
check-finish = ختم کریں
honeypot-label = اس خانے کو خالی چھوڑ دیں
month-1 = جنوری
month-2 = فروری
month-3 = مارچ
month-4 = اپریل
month-5 = مئی
month-6 = جون
month-7 = جولائی
month-8 = اگست
month-9 = ستمبر
month-10 = اکتوبر
month-11 = نومبر
month-12 = دسمبر

## Errors

error-too-long = آپ کا جواب زیادہ سے زیادہ { $max } حروف کا ہو سکتا ہے۔ آپ نے { $count } حروف لکھے ہیں۔
error-month-missing = سال کے ساتھ مہینہ بھی لکھیں
error-year-missing = مہینے کے ساتھ سال بھی لکھیں
error-month-invalid = مہینہ 1 سے 12 تک کے عدد کے طور پر لکھیں
error-year-invalid = سال 4 ہندسوں میں لکھیں، جیسے 2025
error-in-future = تاریخ اسی مہینے یا اس سے پہلے کی ہونی چاہیے
error-invalid-choice = اختیارات میں سے ایک منتخب کریں، یا یہ سوال چھوڑ دیں
error-postcode-invalid = NR1 3SR جیسا پوسٹ کوڈ لکھیں، یا خالی چھوڑ دیں
error-rate-limited = پچھلے ایک گھنٹے میں آپ کے آلے یا نیٹ ورک سے بہت سی رائے بھیجی گئی ہے۔ براہِ کرم { $minutes } منٹ انتظار کریں، پھر دوبارہ “رائے بھیجیں” دبائیں۔ آپ کے جوابات محفوظ ہیں۔
error-too-large = آپ نے جو بھیجا وہ وصول کرنے کے لیے بہت لمبا تھا۔ براہِ کرم جواب مختصر کر کے دوبارہ کوشش کریں۔

## After sending

sent-title = شکریہ، آپ کی رائے بھیج دی گئی ہے
sent-nothing-title = آنے کا شکریہ
sent-nothing = آپ نے کسی سوال کا جواب نہیں دیا، اس لیے کچھ نہیں بھیجا گیا۔
sent-next-heading = آگے کیا ہوگا
sent-next = MNVP کی ٹیم ساری رائے پڑھتی ہے۔ وہ لوگوں کی باتیں، نام کے بغیر، ہسپتال تک پہنچاتی ہے اور عملے کے ساتھ مل کر تبدیلیاں لاتی ہے۔
sent-no-reply = ہم آپ کو جواب نہیں دے سکتے، کیونکہ ہم نہیں جانتے کہ آپ کون ہیں۔
sent-support-heading = مدد جو آپ کے کام آ سکتی ہے
sent-again = مزید رائے دیں

## Support

support-title = ابھی مدد حاصل کریں
support-intro = یہ تنظیمیں آپ اور آپ کے خاندان کی مدد کر سکتی ہیں۔ پہلے رائے کا فارم مکمل کرنے کی ضرورت نہیں۔
support-emergency-heading = ہنگامی صورت میں
support-emergency = اگر آپ یا آپ کا بچہ فوری خطرے میں ہیں تو 999 پر فون کریں۔
support-local = مقامی
support-back = رائے کے فارم پر واپس جائیں
support-english = تنظیموں کی معلومات انگریزی میں ہیں۔
topic-crisis = بحران میں فوری مدد
topic-bereavement = بچے کی وفات کے بعد
topic-perinatal_mental_health = حمل کے دوران اور ولادت کے بعد ذہنی صحت
topic-domestic_abuse = گھریلو تشدد
topic-neonatal = نوزائیدہ کی دیکھ بھال میں بچے والے خاندان
topic-infant_feeding = بچے کو دودھ پلانا
topic-general = دوسری مدد اور مشورہ

## Stopping

stop-title = کیا آپ رکنا اور اپنے جوابات مٹانا چاہتی ہیں؟
stop-text = کچھ نہیں بھیجا جائے گا۔ آپ کے جوابات فوراً مٹا دیے جائیں گے۔
stop-confirm = جی ہاں، رک جائیں اور میرے جوابات مٹا دیں
stop-cancel = نہیں، سوالات پر واپس جائیں
stopped-title = آپ کے جوابات مٹا دیے گئے ہیں
stopped-text = کچھ نہیں بھیجا گیا۔ اب آپ یہ صفحہ بند کر سکتی ہیں۔
stopped-again = دوبارہ شروع کریں

## Not found

notfound-title = ہمیں رائے کا یہ فارم نہیں مل رہا
notfound-text = ہو سکتا ہے لنک غلط ہو، یا فارم کہیں اور منتقل ہو گیا ہو۔ اپنے پوسٹر یا پیغام میں دیا گیا لنک چیک کریں۔
closed-title = رائے کا یہ فارم بند ہے
closed-text = { $mnvp } اس وقت اس فارم کے ذریعے رائے وصول نہیں کر رہی۔
notfound-others = رائے کے تمام فارم دیکھیں
