# Django's Chinese month-and-day pads the month ("05月7日") where Chinese writes "5月7日".
MONTH_DAY_FORMAT = "n月j日"
