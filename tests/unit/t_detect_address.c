/*
 * t_detect_address.c — the address detector on positives (Chinese levels,
 * street and numbered parts with or without a cue, villages, estates;
 * UK, US and Canadian addresses from the unit to the postcode; Dutch and
 * German street, number, postcode and town; letterheads on several lines)
 * and hard negatives (place names in prose, numbered things, versions).
 *
 * Every expected string is written by hand: the value's characters
 * replaced by '*' (one per byte of an ASCII or 2-byte character, the line
 * breaks inside a letterhead's address too) or '＊' (a 3-byte character),
 * the rest untouched. All addresses are invented.
 */
#include "examples.h"

static const struct example examples[] = {
	/* Chinese: levels and street parts in order, with or without a cue word */
	{"address", "我住在浙江省杭州市西湖区文三路478号华星时代广场A座1102室", "我住在＊＊＊＊＊＊＊＊＊＊＊＊***＊＊＊＊＊＊＊*＊****＊"},
	{"address", "地址是否为广州市天河区体育西路103号？", "地址是否为＊＊＊＊＊＊＊＊＊＊***＊？"},
	{"address", "送到成都市武侯区人民南路四段11号，谢谢", "送到＊＊＊＊＊＊＊＊＊＊＊＊**＊，谢谢"},
	{"address", "明天寄北京市朝阳区建国门外大街1号国贸大厦A座", "明天寄＊＊＊＊＊＊＊＊＊＊＊＊*＊＊＊＊＊*＊"},
	{"address", "上海市徐汇区天平路320弄5号601室", "＊＊＊＊＊＊＊＊＊***＊*＊***＊"},
	{"address", "北京市西城区西四北三条胡同12号", "＊＊＊＊＊＊＊＊＊＊＊＊＊**＊"},
	{"address", "住：广东省深圳市南山区科技园南路１８号", "住：＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊"},
	{"address", "新疆维吾尔自治区乌鲁木齐市天山区解放北路88号", "＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊**＊"},
	{"address", "北京市海淀区中关村大街27号1号楼3层301", "＊＊＊＊＊＊＊＊＊＊＊**＊*＊＊*＊***"},
	{"address", "快递放杭州市余杭区良渚文化村玉鸟苑12幢3单元402室门口", "快递放＊＊＊＊＊＊＊＊＊＊＊＊＊＊**＊*＊＊***＊门口"},
	/* Chinese: villages, to the end of the house number */
	{"address", "河北省保定市清苑区何桥乡南王庄村3组12号", "＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊*＊**＊"},
	{"address", "江苏省沛县龙固镇孙庄村5组8号，到了打电话", "＊＊＊＊＊＊＊＊＊＊＊*＊*＊，到了打电话"},
	{"address", "老家在湖南省衡阳市衡南县茶市镇东岭村6组", "老家在＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊*＊"},
	/* Chinese: estates and building-unit-room triples after the house number */
	{"address", "发货：江苏省南京市鼓楼区中山北路30号碧桂园5-3-204 收", "发货：＊＊＊＊＊＊＊＊＊＊＊＊＊**＊＊＊＊******* 收"},
	{"address", "郑州市金水区花园路12号19-2-2805", "＊＊＊＊＊＊＊＊＊**＊*********"},
	{"address", "西安市雁塔区长安南路88号锦江华庭17号楼4单元1704", "＊＊＊＊＊＊＊＊＊＊**＊＊＊＊＊**＊＊*＊＊****"},
	/* Chinese: hard negatives (places and numbers that are no address) */
	{"address", "北京市的天气很好。", "北京市的天气很好。"},
	{"address", "中山路站到了吗？", "中山路站到了吗？"},
	{"address", "上海市2号线", "上海市2号线"},
	{"address", "全市各区县", "全市各区县"},
	{"address", "这款产品在北京市场卖得很好", "这款产品在北京市场卖得很好"},
	{"address", "本次会议在3号楼举行", "本次会议在3号楼举行"},
	{"address", "订单号20240315001", "订单号20240315001"},
	{"address", "第3号决议", "第3号决议"},
	{"address", "市区道路拥堵", "市区道路拥堵"},
	{"address", "各省市区县", "各省市区县"},
	{"address", "北京市政府发布通知", "北京市政府发布通知"},
	{"address", "市场部在A座3楼开会", "市场部在A座3楼开会"},
	{"address", "智慧园区二期", "智慧园区二期"},
	/* English: unit, house number, street and type, town, postcode */
	{"address", "Flat 3, 12 Rose Court, London SW1A 1AA",
	 "**************************************"},
	{"address", "Apt 4B, 350 Fifth Avenue, New York, NY 10118",
	 "********************************************"},
	{"address", "Suite 200, 1 Infinite Loop, Cupertino, CA 95014-2083",
	 "****************************************************"},
	{"address", "1 Piccadilly Gardens, Manchester M1 1AE",
	 "***************************************"},
	{"address", "Ship to 742 Maple Crescent, Ottawa, ON K1A 0B1.",
	 "Ship to **************************************."},
	{"address", "1600 Example Avenue NW, Washington, DC 20500-0003",
	 "*************************************************"},
	{"address", "Deliver to: Ann Lee, 1356 Rue Sainte-Catherine, Montréal, QC H3B 1A7\nRegards,",
	 "Deliver to: Ann Lee, ************************************************\nRegards,"},
	{"address", "Please send it to 42 Elm Road, Leeds LS1 4AP by Friday.",
	 "Please send it to ************************** by Friday."},
	{"address", "We moved to Unit 174, 928 Bay Street West, Winnipeg, MB R5C 6W8 last month.",
	 "We moved to *************************************************** last month."},
	/* English: a letterhead on several lines (its line breaks are part of it) */
	{"address", "Jane Doe\n221B Baker Street\nLondon NW1 6XE\n\nDear Sir,",
	 "Jane Doe\n********************************\n\nDear Sir,"},
	{"address", "Tom Hill\nFlat 4C,\n172 Kings Road,\nCardiff,\nCF4 2DF\n\nHello",
	 "Tom Hill\n*****************************************\n\nHello"},
	{"address", "8912 Highland Ave,\nApt 1D,\nAustin, TX 78757-9481\n\nThanks",
	 "************************************************\n\nThanks"},
	/* Dutch and German: street, number, postcode, town */
	{"address", "Please ship it to Keizersgracht 123, 1012 AB Amsterdam.",
	 "Please ship it to ************************************."},
	{"address", "Keizersgracht 123\n1012 AB Amsterdam\n\nBest,",
	 "***********************************\n\nBest,"},
	{"address", "I'm at Hauptstraße 5, 10115 Berlin until Friday.",
	 "I'm at **************************** until Friday."},
	{"address", "Unter den Linden 77, 10117 Berlin", "*********************************"},
	{"address", "Frankfurter Allee 12, 10247 Berlin", "**********************************"},
	{"address", "Lindelaan 286 bis, 3242 WX Delft", "********************************"},
	{"address", "Anna Vogel\nGoethestraße 94a,\n01709 Dresden\n\nHi",
	 "Anna Vogel\n********************************\n\nHi"},
	/* English: hard negatives */
	{"address", "The Oxford Road bus is late.", "The Oxford Road bus is late."},
	{"address", "Beijing is large.", "Beijing is large."},
	{"address", "I read 3 Street Fighter manuals.", "I read 3 Street Fighter manuals."},
	{"address", "Version 2, 10115 Users.", "Version 2, 10115 Users."},
	{"address", "Released 2023, 10000 Berlin fans.", "Released 2023, 10000 Berlin fans."},
	{"address", "Room 101 is on the 3rd floor.", "Room 101 is on the 3rd floor."},
	{"address", "Unit 5 tests passed.", "Unit 5 tests passed."},
	{"address", "Suite 2, 14 tests failed.", "Suite 2, 14 tests failed."},
	{"address", "A flat 3% growth.", "A flat 3% growth."},
	{"address", "Order 12345 shipped on 2024-03-15.", "Order 12345 shipped on 2024-03-15."},
	{"address", "Version 4.2.1.7 is out.", "Version 4.2.1.7 is out."},
	{"address", "Call 555-0100 ext 12.", "Call 555-0100 ext 12."},
	{"address", "Windows 11 Pro, 2023 Edition", "Windows 11 Pro, 2023 Edition"},
	/* more shapes: blanks between Chinese levels, Saint, a county line, Swiss and Dutch floors */
	{"address", "北京市 朝阳区 建国路88号", "＊＊＊*＊＊＊*＊＊＊**＊"},
	{"address", "12 St. John Street, London EC1M 4AA", "***********************************"},
	{"address", "10 High St, Oxford, Oxfordshire OX1 4AA",
	 "***************************************"},
	{"address", "Keizersgracht 123-II, 1015 CJ Amsterdam",
	 "***************************************"},
	{"address", "Bahnhofstrasse 1, 8001 Zürich", "******************************"},
	{"address", "Hauptstr. 5, D-10115 Berlin", "***************************"},
	{"address", "Chapter 12, 2019 Edition.", "Chapter 12, 2019 Edition."},
	{"address", "Markt 2019 Jahr.", "Markt 2019 Jahr."},
	/* street types that are surnames too need a town and postcode */
	{"address", "14 Oak Hill, Bath BA1 2AB", "*************************"},
	{"address", "Copyright 2021 Ryan Green <rg@example.com>",
	 "Copyright 2021 Ryan Green <rg@example.com>"},
	{"address", "I saw 3 Blue Hill birds.", "I saw 3 Blue Hill birds."},
	/* the input's end: a line that a postcode line could still follow is
	 * masked only where its street is a street (the file may be written) */
	{"address", "Notes\nPage 3\n", "Notes\nPage 3\n"},
	{"address", "Regards,\nJanuary 2024\n", "Regards,\nJanuary 2024\n"},
	{"address", "Notes\nHauptstraße 5\n", "Notes\n***************"},
	{"address", "Notes\nAm Markt 12,\n", "Notes\n*************"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
