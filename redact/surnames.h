/*
 * surnames.h — common Chinese surnames, as character-class contents for the
 * name detectors of detect_people.c (REDACT_SURNAMES_* strings go inside
 * [...]). Split by how safely a character can be read as a surname:
 * - CORE: hardly ever starts a common word; a surname wherever a name may
 *   stand (after a cue, even glued to it: 患者张伟).
 * - HONORIFIC: also a common word start (高, 金, 方...): a surname before
 *   an honorific (高女士) or after a cue with a colon, not glued to a cue
 *   (患者高热).
 * - COLON: mostly a function word (于, 向, 和...): a surname only after a
 *   cue with a colon (姓名：于伟).
 * About 399 characters in all, plus REDACT_SURNAMES_COMPOUND.
 */
#ifndef REDACT_SURNAMES_H
#define REDACT_SURNAMES_H

/* safe in every context */
#define REDACT_SURNAMES_CORE \
	"王李张刘陈杨赵吴周徐孙朱郭何林罗郑梁谢宋唐许韩冯邓曹彭肖董袁" \
	"潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊" \
	"秦邱尹薛闫段雷侯陶黎贺顾郝龚邵覃莫孔汤樊葛邢乔伍庞颜倪庄聂翟" \
	"殷詹耿俞阮柯纪梅裴霍涂翁冉骆蓝辛靳柴鲍喻祁蒲滕饶牟尤缪芦麦褚" \
	"娄窦戚岑景党卜晏卫柏瞿佟臧闵苟邬卞姬仇栾隋刁巫寇郎甄丛仲虞敖" \
	"巩佘苑迟邝匡鞠冀郁胥储栗燕鄢劳谌奚粟冼蔺仝郜阚屠禹索扈晁芮阙" \
	"浦邸雍辜裘亓邰赫杭逯茹诸慕亢嵇湛戎勾茅於尉冶昝黄胡马田江龙毛" \
	"钱武严戴"

/* before an honorific, or after a cue and a colon */
#define REDACT_SURNAMES_HONORIFIC \
	"高曾金石方白史万温康施文牛安齐易章鲁岳申欧关兰焦左柳甘祝包宁" \
	"尚符舒童凌毕单季成苗谷盛曲路游管蒙华房屈解艾阳穆农司卓古吉简" \
	"连宫费冷席米宗桂边师商沙荣桑池查麻官封谈惠荆楚皮楼盘闻厉权帅" \
	"豆朴盖练廉井祖漆巴丰卿国狄宣晋戈伏鹿薄羊乌修况宿鲜印隆战危玉" \
	"银哈宾呼揭束檀阴奉植衡尧"

/* only after a cue and a colon */
#define REDACT_SURNAMES_COLON \
	"于向常时车项全应和明乐南班原满位伊区海花强支平计相初门云容敬" \
	"来都普阿母那公利居干但斯元衣信展智幸富闭由将同"

/* Two-character surnames, as alternatives. */
#define REDACT_SURNAMES_COMPOUND \
	"欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|钟离|端木|澹台|南宫|西门"

#endif /* REDACT_SURNAMES_H */
