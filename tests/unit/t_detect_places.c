/*
 * t_detect_places.c — the whereabouts detectors (geo, plate, address) on positives and hard negatives.
 *
 * Every expected string is written by hand: the value's characters
 * replaced by '*' (one per byte of an ASCII or 2-byte character) or '＊'
 * (a 3-byte character), the rest untouched. Cue-based detectors mask the
 * value only: the cue stays readable. All data invented.
 */
#include "examples.h"

static const struct example examples[] = {
	/* geo: decimal pairs */
	{"geo", "loc 31.2304, 121.4737 ok", "loc ***************** ok"},
	{"geo", "坐标31.2304,121.4737。", "坐标****************。"},
	{"geo", "location (-33.8688, 151.2093)", "location (******************)"},
	{"geo", "\"coordinates\": [121.4737, 31.2304]", "\"coordinates\": [*****************]"},
	{"geo", "\"coordinates\": [[121.4737, 31.2304], [121.4801, 31.2388]]",
	 "\"coordinates\": [[*****************], [*****************]]"},
	{"geo", "found at 31.2304, 121.4737 on", "found at ***************** on"},
	{"geo", "现在在31.2304,121.4737", "现在在****************"},
	{"geo", "位置：31.2304，121.4737", "位置：*******＊********"},
	/* geo: keyed values */
	{"geo", "?lat=31.2304&lng=121.4737&z=3", "?lat=*******&lng=********&z=3"},
	{"geo", "{\"lat\": 31.2304, \"lon\": 121.4737}", "{\"lat\": *******, \"lon\": ********}"},
	{"geo", "Latitude: -33.8688", "Latitude: ********"},
	{"geo", "纬度：31.2304 经度：121.4737", "纬度：******* 经度：********"},
	/* geo: degree forms */
	{"geo", "at 31°13′49″N 121°28′25″E.", "at ******＊**＊* *******＊**＊*."},
	{"geo", "31°13'49\"N", "***********"},
	{"geo", "N31.2304° E121.4737°", "********** ***********"},
	{"geo", "北纬31.2304°，东经121.4737°", "＊＊*********，＊＊**********"},
	{"geo", "北纬31度13分49秒", "＊＊**＊**＊**＊"},
	/* geo: hard negatives; a bare pair needs a word of whereabouts before it */
	{"geo", "(-33.8688, 151.2093)", "(-33.8688, 151.2093)"},
	{"geo", "[121.4737, 31.2304]", "[121.4737, 31.2304]"},
	{"geo", "scores 48.204, 94.002", "scores 48.204, 94.002"},
	{"geo", "耗时 47.192,112.997 ms", "耗时 47.192,112.997 ms"},
	{"geo", "that 31.2304, 121.4737", "that 31.2304, 121.4737"},
	{"geo", "price 12.99, 45.50", "price 12.99, 45.50"},
	{"geo", "v1.2.3, 4.5.6", "v1.2.3, 4.5.6"},
	{"geo", "ratio 0.12345", "ratio 0.12345"},
	{"geo", "200.1234, 300.5678", "200.1234, 300.5678"},
	{"geo", "95.1234, 100.5678", "95.1234, 100.5678"},
	{"geo", "0.1234,0.5678,0.9012", "0.1234,0.5678,0.9012"},
	{"geo", "31.23, 121.47", "31.23, 121.47"},
	{"geo", "took 31.2304 s", "took 31.2304 s"},
	{"geo", "angle 31°13′ between", "angle 31°13′ between"},
	/* plate */
	{"plate", "车牌京A·12345。", "车牌＊********。"},
	{"plate", "粤B D12345", "＊********"},
	{"plate", "沪AD12345", "＊*******"},
	{"plate", "plate:苏E12345 ok", "plate:＊****** ok"},
	{"plate", "浙A12345D", "＊*******"},
	{"plate", "京A1234学", "＊*****＊"},
	{"plate", "渝B-3A5K7", "＊*******"},
	{"plate", "车辆川A8B3C6停放", "车辆＊******停放"},
	{"plate", "京A·12345 and 沪B·67890", "＊******** and ＊********"},
	/* plate: hard negatives */
	{"plate", "更新APP12345", "更新APP12345"},
	{"plate", "云ABCDE", "云ABCDE"},
	{"plate", "京I12345", "京I12345"},
	{"plate", "京A123456", "京A123456"},
	{"plate", "京a12345", "京a12345"},
	{"plate", "新AB1CD2", "新AB1CD2"},
	{"plate", "A12345", "A12345"},
	/* address: Chinese */
	{"address", "住天津市和平区和平路976号。", "住＊＊＊＊＊＊＊＊＊***＊。"},
	{"address", "住四川省成都市高新区学院路29号，", "住＊＊＊＊＊＊＊＊＊＊＊＊**＊，"},
	{"address", "住上海市静安区中山路309号D座2101。", "住＊＊＊＊＊＊＊＊＊***＊*＊****。"},
	{"address", "地址改成北京市朝阳区建国路88号", "地址改成＊＊＊＊＊＊＊＊＊**＊"},
	{"address", "我和平时一样去上班", "我和平时一样去上班"},
	{"address", "他们都住在这里", "他们都住在这里"},
	{"address", "和平共处五项原则", "和平共处五项原则"},
	{"address", "地址：北京市朝阳区建国路88号，电话", "地址：＊＊＊＊＊＊＊＊＊**＊，电话"},
	{"address", "上海市浦东新区世纪大道100号3栋2单元501室",
	 "＊＊＊＊＊＊＊＊＊＊＊***＊*＊*＊＊***＊"},
	{"address", "寄往广东省深圳市南山区科技园路1号。", "寄往＊＊＊＊＊＊＊＊＊＊＊＊＊*＊。"},
	{"address", "我住在杭州市西湖区", "我住在＊＊＊＊＊＊"},
	{"address", "建国路88号", "＊＊＊**＊"},
	{"address", "建国路８８号", "＊＊＊＊＊＊"},
	{"address", "收货地址:江苏省南京市鼓楼区", "收货地址:＊＊＊＊＊＊＊＊＊"},
	{"address", "阳光小区3栋2单元", "＊＊＊＊*＊*＊＊"},
	/* address: English */
	{"address", "Ship to 1600 Example Avenue, Apt 4B, Springfield, IL 62704.",
	 "Ship to **************************************************."},
	/* (at the input's end a street line may still be followed by its
	 * town's line: its line break is masked as unfinished) */
	{"address", "office at 10 Downing Street\n", "office at ******************"},
	{"address", "221B Baker St. London", "************** London"},
	{"address", "725 5th Ave Suite 200\n", "**********************"},
	{"address", "42 Maple Dr, Austin, TX 73301-0001", "**********************************"},
	/* address: hard negatives */
	{"address", "I played 3 Street Fighter games", "I played 3 Street Fighter games"},
	{"address", "at 10 Downing", "at 10 Downing"},
	{"address", "meet at 10:30 PM Friday", "meet at 10:30 PM Friday"},
	{"address", "cost 5 dollars way too much", "cost 5 dollars way too much"},
	{"address", "won 2 Gold Medals in Rome", "won 2 Gold Medals in Rome"},
	{"address", "这个地区的市场很大", "这个地区的市场很大"},
	{"address", "城市和地区", "城市和地区"},
	{"address", "道路交通安全", "道路交通安全"},
	{"address", "我们在大学路上走", "我们在大学路上走"},
	{"address", "价格88号码", "价格88号码"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
