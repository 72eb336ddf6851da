import Testing
@testable import Mekong

private let articlePipeline = #"{"name": "t", "stages": [{"use": "html"}]}"#

private func page(_ html: String) -> Document {
    let bytes = Array(html.utf8)
    return Document(id: "page.html", source: Source(uri: "page.html", format: .html, size: bytes.count, raw: bytes))
}

/// A rail of teasers as old portals set them beside an article: a linked headline of another
/// story of the site and its one-line summary, each in a cell of its own.
private func teaserRail(_ topic: String, count: Int = 6) -> String {
    "<table class='tinkhac'>" + (1...count).map {
        "<tr><td><a href='/tin/\(topic)-\($0).html'><b>\(topic.capitalized) số \($0): một tin khác của trang báo</b></a><br>"
            + "Tóm tắt ngắn của tin \(topic) số \($0), một câu dẫn vào bài, có dấu phẩy, rồi hết.</td></tr>"
    }.joined() + "</table>"
}

/// A brief (two short paragraphs) in a 2010-style table layout: a left rail of latest news, a
/// headline set in `<b>` inside a cell classed as a title, a date line, the brief, then more
/// teasers below it — the shape that used to lose the brief to the page around it.
private let oldPortalBrief = """
    <html><head><meta charset="utf-8"><title>Báo Đồng Bằng - Nông dân An Giang trúng mùa cá linh đầu mùa lũ</title></head>
    <body><table width="980"><tr>
    <td width="200" valign="top"><div class="box">TIN MỚI NHẤT</div>\(teaserRail("thoi-su", count: 8))</td>
    <td valign="top"><table width="100%">
    <tr><td class="title_detail"><font size="4"><b>Nông dân An Giang trúng mùa cá linh đầu mùa lũ</b></font></td></tr>
    <tr><td class="date">Cập nhật lúc 09:15, Thứ Ba, 14/09/2010 (GMT+7)</td></tr>
    <tr><td>Nước lũ về sớm, nông dân các xã biên giới huyện Tân Châu đã bắt đầu mùa đánh bắt cá linh, mỗi ghe thu được vài chục ký mỗi đêm.<br><br>
    Cá linh non được thương lái mua ngay tại bến với giá 60.000 đồng một ký, cao hơn năm ngoái chừng một phần ba, theo người dân trong xã.</td></tr>
    <tr><td><div class="box">CÁC TIN KHÁC</div>\(teaserRail("kinh-te"))</td></tr>
    </table></td></tr></table>
    <div class="footer">Báo Đồng Bằng — Giấy phép số 123/GP-BVHTT. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</div>
    </body></html>
    """

@Suite("html stage: short articles")
struct ShortArticleTests {
    @Test func aBriefUnderItsHeadlineIsTheArticleNotThePageAroundIt() throws {
        let d = try Support.process(page(oldPortalBrief), articlePipeline)
        #expect(d.metadata["extraction"] == "article")
        #expect(d.text.hasPrefix("Nước lũ về sớm"), "\(d.text)")
        #expect(d.text.contains("60.000 đồng một ký"))
        for furniture in ["TIN MỚI NHẤT", "Thoi-Su số 1", "Kinh-Te số 3", "CÁC TIN KHÁC", "Giấy phép", "Cập nhật lúc"] {
            #expect(!d.text.contains(furniture), "\(furniture) in \(d.text)")
        }
    }

    /// The same brief on a page that does not date it and whose title names only the site: no
    /// headline is known, and the whole page's reading may take over; the brief stays in it.
    @Test func withoutAHeadlineTheBriefIsStillRead() throws {
        let html = oldPortalBrief.replacingOccurrences(of: "Báo Đồng Bằng - Nông dân An Giang trúng mùa cá linh đầu mùa lũ", with: "Báo Đồng Bằng")
            .replacingOccurrences(of: "Cập nhật lúc 09:15, Thứ Ba, 14/09/2010 (GMT+7)", with: "")
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("Nước lũ về sớm") && d.text.contains("60.000 đồng một ký"))
    }

    /// An old portal's "Tin khác" listing written in the body's own paragraph markup — each
    /// `<p class="pBody">` a bold headline link, a line break and a summary — is a listing, not
    /// the brief's continuation; a single paragraph that opens with a bold link stays prose.
    @Test func teasersWrittenAsTheBodysParagraphsAreAListing() throws {
        let teasers = (1...12).map {
            "<p class='pBody'><a href='/giao-thong/\(48200 - $0)'><b>Tin giao thông số \($0) của chuyên mục trong tuần</b></a><br>"
                + "Tóm tắt tin số \($0): đoạn đường dài hơn \($0) km sẽ được nâng cấp, dự kiến khởi công vào quý IV năm nay.</p>"
        }.joined(separator: "\n")
        let html = """
            <html><head><meta charset="utf-8"><title>Cầu treo Phước Thạnh thông xe - Báo Cửu Long</title>
            <meta property="article:published_time" content="2011-09-15T08:12:00+07:00"></head><body>
            <div id="colLeft"><div class="detail"><h1>Cầu treo Phước Thạnh chính thức thông xe</h1>
            <p class="pBody"><strong>Sau gần năm tháng thi công, cây cầu treo bắc qua rạch Cái Sơn đã chính thức thông xe sáng 14/9.</strong></p>
            <p class="pBody"><a href="/tag/cau-treo"><b>Cầu dài 86 m</b></a>, mặt cầu rộng 2,5 m, tổng vốn đầu tư hơn 2,1 tỷ đồng, trong đó người dân đóng góp gần 400 triệu đồng.</p>
            <p class="pBody">Ông Trần Văn Út, Trưởng ấp Phước Thạnh, cho biết bà con mong huyện sớm lắp đèn chiếu sáng ở hai đầu cầu.</p>
            </div>
            <div class="otherTitle">Các tin khác</div>
            \(teasers)
            </div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("Sau gần năm tháng thi công"), "\(d.text)")
        #expect(d.text.contains("Cầu dài 86 m"), "\(d.text)")
        #expect(d.text.contains("Trưởng ấp Phước Thạnh"), "\(d.text)")
        #expect(!d.text.contains("Tóm tắt tin số"), "\(d.text)")
        #expect(!d.text.contains("Tin giao thông số"), "\(d.text)")
    }

    /// The same listing with plain links (`<a>Tiêu đề</a> - Tóm tắt`) in the brief's own
    /// `<p class="tinbai">`, inside the brief's block, in a layout table's cell: a bold label
    /// over the run makes it a listing, and the brief's block is read without it.
    @Test func plainLinkTeasersUnderABoldLabelAreAListing() throws {
        let teasers = (1...14).map {
            "<p class='tinbai'><a href='/nong-nghiep/\(3400 + $0).html'>Tin nông nghiệp số \($0) của chuyên mục trong tuần</a> - "
                + "Tóm tắt tin số \($0): giá lúa tại ruộng tăng nhẹ, thương lái vào mua khá đông ở các huyện.</p>"
        }.joined(separator: "\n")
        let html = """
            <html><head><meta charset="utf-8"><title>Hậu Giang: Nông dân thu hoạch lúa sớm - Báo Miền Tây</title></head><body>
            <table width="960"><tr><td class="cot-trai" width="650">
            <div class="duongdan"><a href="/">Trang chủ</a> » <a href="/kinh-te">Kinh tế</a></div>
            <div class="chitiet"><h1>Hậu Giang: Nông dân thu hoạch lúa sớm</h1>
            <div class="ngaydang">Cập nhật lúc 08:42, Thứ Sáu, 09/07/2010 (GMT+7)</div>
            <p class="tinbai">Từ đầu tuần này, nông dân huyện Phụng Hiệp đã bắt đầu thu hoạch khoảng 1.200 ha lúa Hè Thu xuống giống sớm.</p>
            <p class="tinbai">Giá lúa tươi tại ruộng hiện dao động từ 3.900 đến 4.100 đồng/kg, thương lái vào mua khá đông.</p>
            <p class="tinbai" align="right"><b>Ngọc Hân</b></p>
            <p class="tinbai"><b>Tin cùng chuyên mục</b></p>
            \(teasers)
            </div></td><td class="cot-phai" width="300"><div class="hop">Giá vàng SJC: 27,9 triệu đồng/lượng</div></td></tr></table>
            </body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("nông dân huyện Phụng Hiệp"), "\(d.text)")
        #expect(d.text.contains("thương lái vào mua khá đông."), "\(d.text)")
        #expect(!d.text.contains("Tóm tắt tin số"), "\(d.text)")
        #expect(!d.text.contains("Tin nông nghiệp số"), "\(d.text)")
    }

    /// A 2008 layout writes the brief as bare text in its `<div>`, then, in the same `<div>`,
    /// a rule, a bold label and the section's teasers as links and text between `<br>`s: the
    /// text ends at the rule.
    @Test func aListingWrittenAsBareTextAfterARuleEndsTheBrief() throws {
        let teasers = (1...12).map {
            "<a href='/tintuc.asp?id=\(5500 - $0)'>Tin giao thông số \($0) của tỉnh trong tuần</a> <font color='#999'>(2\($0 % 9)/05/2008)</font><br>"
                + "Tóm tắt tin số \($0): đoạn đường dài hơn \($0) km được nâng cấp, dự kiến xong cuối năm.<br><br>"
        }.joined(separator: "\n")
        let html = """
            <html><head><meta charset="utf-8"><title>Mỹ Tho: Cấm xe tải qua cầu Quay - Sông Tiền điện tử</title></head><body>
            <table width="760"><tr><td width="200"><a href="/">Trang chủ</a><br><a href="/gt">Giao thông</a></td>
            <td width="438"><font size="4"><b>Mỹ Tho: Cấm xe tải qua cầu Quay</b></font><br>
            <font size="1">Cập nhật lúc 14:20 ngày 29/05/2008</font><br><br>
            <div id="noidung">UBND thành phố Mỹ Tho vừa quyết định cấm xe tải có tải trọng trên 5 tấn lưu thông qua cầu Quay kể từ ngày 1/6.<br><br>
            Các phương tiện này phải đi vòng theo đường Lý Thường Kiệt, cảnh sát giao thông sẽ chốt chặn ở hai đầu cầu.<br><br>
            <div align="right"><b>T. Hùng</b></div>
            <hr size="1">
            <b>Các tin khác:</b><br><br>
            \(teasers)
            </div></td></tr></table></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("cấm xe tải có tải trọng trên 5 tấn"), "\(d.text)")
        #expect(d.text.contains("chốt chặn ở hai đầu cầu"), "\(d.text)")
        for listing in ["Các tin khác", "Tin giao thông số", "Tóm tắt tin số"] {
            #expect(!d.text.contains(listing), "\(listing) in \(d.text)")
        }
    }

    /// The page's head names the article otherwise than its one `<h1>`, which its date line
    /// follows: that `<h1>` is the headline all the same, and the labelled plain-link teasers
    /// in the brief's own paragraphs are a listing.
    @Test func aDatedSoleHeadingIsTheHeadlineThoughNoTitleMatchesIt() throws {
        let teasers = (1...8).map {
            "<p class='Normal'><a href='/van-hoa/tin-\($0).htm'>Tin văn hóa số \($0) của chuyên mục trong tuần</a> - "
                + "Tóm tắt tin số \($0): lễ hội được tổ chức tại phố cổ, thu hút hàng nghìn du khách.</p>"
        }.joined()
        let html = """
            <html><head><meta charset="utf-8"><title>Trưng bày hiện vật gốm cổ | Văn hóa | Sông Hương Ngày Mới</title>
            <meta property="og:title" content="Huế: Trưng bày hiện vật gốm cổ"></head><body>
            <div class="menu"><a href="/">Trang chủ</a> <a href="/van-hoa">Văn hóa</a></div>
            <div class="fck_detail"><h1>Triển lãm gốm men lam thời Nguyễn tại Huế</h1>
            <div class="date">Cập nhật lúc 16:05, Thứ Tư, 17/04/2013 (GMT+7)</div>
            <p class="Normal">Cuộc trưng bày giới thiệu hơn 200 hiện vật gốm men lam thế kỷ XIX do các nhà sưu tầm trong tỉnh đóng góp.</p>
            <p class="Normal">Nhiều hiện vật lần đầu ra mắt công chúng, trong đó có bộ đĩa vẽ tích cổ và các bình hoa cung đình.</p>
            <p class="Normal"><strong>Tin cùng chuyên mục:</strong></p>
            \(teasers)</div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.hasPrefix("Cuộc trưng bày giới thiệu"), "\(d.text)")
        #expect(!d.text.contains("Tin văn hóa số"), "\(d.text)")
        #expect(!d.text.contains("Triển lãm gốm men lam"), "\(d.text)")
    }

    /// The bare-text listing may sit in a block below the column the brief was found in (a
    /// `div.fck` in a layout's cell, a `<font>` around everything), with its label in bold
    /// inside a `<font>`.
    @Test func aBareTextListingIsFoundInTheBlocksUnderTheColumn() throws {
        let teasers = (1...10).map {
            "<a href='/tin/\(5700 - $0)'>Tin nông nghiệp số \($0) của tỉnh trong tuần</a> <i>(1\($0 % 9)/08/2010)</i><br>"
                + "Tóm tắt tin số \($0): giá lúa tăng nhẹ, thương lái vào mua khá đông.<br><br>"
        }.joined(separator: "\n")
        let html = """
            <html><head><meta charset="utf-8"><title>Sen Hồng Online - Nông dân Tháp Mười trúng mùa sen</title></head><body>
            <table><tr><td width="200"><a href="/">Trang chủ</a><br><a href="/nn">Nông nghiệp</a></td>
            <td width="545"><p class="title_detail"><b>Nông dân Tháp Mười trúng mùa sen</b></p>
            <span class="ngaythang">Thứ hai, 16/08/2010, 07:30 GMT+7</span><br><br>
            <div class="fck"><font face="Arial">Những ngày này, nông dân các xã Mỹ Hòa, Mỹ An đang vào vụ thu hoạch gương sen, năng suất đạt khoảng 1,5 tấn mỗi hecta.<br><br>
            Theo Phòng Nông nghiệp huyện, toàn huyện hiện có hơn 600 ha sen, chủ yếu trồng luân canh sau vụ lúa.<br><br>
            <b>Thanh Phong</b><br><br>
            <font color="#b30000"><b>Các tin khác:</b></font><br>
            \(teasers)</font></div></td></tr></table></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("vào vụ thu hoạch gương sen"), "\(d.text)")
        #expect(d.text.contains("luân canh sau vụ lúa"), "\(d.text)")
        for listing in ["Các tin khác", "Tin nông nghiệp số", "Tóm tắt tin số"] {
            #expect(!d.text.contains(listing), "\(listing) in \(d.text)")
        }
    }

    /// A box that holds the headline, the date line, the brief and, below it, the section's
    /// teasers (all `div.item`) is the article's column: the teasers are set aside one by one,
    /// the brief is read — not the whole box set aside as a teaser list.
    @Test func teasersInTheHeadlinesOwnBoxAreSetAsideOneByOne() throws {
        let teasers = (1...8).map {
            "<div class='item'><h3><a href='/tuyen-sinh/2011080\($0).htm'>Trường số \($0) công bố điểm chuẩn nguyện vọng hai năm nay</a></h3>"
                + "<span class='time'>12/08/2011</span><p>Tóm tắt số \($0): trường dự kiến tuyển thêm chỉ tiêu, hồ sơ nộp qua bưu điện đến hết tháng chín.</p></div>"
        }.joined()
        let html = """
            <html><head><meta charset="utf-8"><title>Trường ĐH Phú Lâm xét tuyển 650 chỉ tiêu nguyện vọng 2 | Học Đường</title></head><body>
            <div class="box-content"><div class="title">Trường ĐH Phú Lâm xét tuyển 650 chỉ tiêu nguyện vọng 2</div>
            <div class="date">12/08/2011 07:30 - Kim Dung</div>
            <div class="item"><p>Trường Đại học Phú Lâm vừa thông báo xét tuyển 650 chỉ tiêu nguyện vọng 2, trong đó hệ đại học 500 chỉ tiêu, cao đẳng 150.</p>
            <p>Thí sinh có thể nộp hồ sơ trực tiếp tại phòng đào tạo của trường hoặc gửi qua bưu điện đến hết ngày 10/9.</p></div>
            \(teasers)</div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.hasPrefix("Trường Đại học Phú Lâm vừa thông báo"), "\(d.text)")
        #expect(d.text.contains("đến hết ngày 10/9."), "\(d.text)")
        #expect(!d.text.contains("Tóm tắt số"), "\(d.text)")
    }

    /// A block right under the headline that opens with a headed link to another article of
    /// the site (`Bài tiếp theo: …` and its opening paragraph) is that article's teaser, however
    /// much longer than the brief it is.
    @Test func aTeaserOfTheNextStoryIsNotTheBrief() throws {
        let next = String(repeating: "Ủy ban nhân dân tỉnh vừa họp bàn phương án di dời các hộ dân ven sông, dự kiến hoàn thành trước mùa mưa năm sau. ", count: 6)
        let html = """
            <html><head><title>Khánh thành cầu treo Bản Phố - Báo Lào Cai</title>
            <meta property="article:published_time" content="2012-09-05T08:00:00+07:00"></head><body>
            <div id="main"><h1>Khánh thành cầu treo Bản Phố</h1>
            <div class="sapo"><p>Sáng nay, cầu treo Bản Phố dài 80 mét, nối hai thôn bên suối Chảy, đã được khánh thành sau bốn tháng thi công, giúp học sinh không phải lội suối đến trường.</p></div>
            <div class="next"><h3><a href="/tin/di-doi-ho-dan-ven-song.html">Di dời các hộ dân ven sông trước mùa mưa</a></h3><p>\(next)</p></div>
            </div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.contains("cầu treo Bản Phố dài 80 mét"), "\(d.text)")
        #expect(!d.text.contains("di dời các hộ dân"), "\(d.text)")
    }

    /// A brief's lead set apart from its body (`div.summary` before `div.entry`) is its first
    /// paragraph; a picture's caption between them is not, nor the author's name that closes it.
    @Test func aBriefsLeadSetApartIsKept() throws {
        let html = """
            <html><head><title>Bắt xe tải chở hơn 2 tấn gà thải loại | Báo Cảng Thành</title>
            <meta property="article:published_time" content="2015-01-09T10:15:00+07:00"></head><body>
            <div class="menu"><a href="/">Trang chủ</a> <a href="/phap-luat">Pháp luật</a></div>
            <div class="main-col"><h1>Bắt xe tải chở hơn 2 tấn gà thải loại</h1>
            <div class="meta">09/01/2015 10:15</div>
            <div class="summary"><p>Rạng sáng 9/1, Đội Quản lý thị trường số 3 phối hợp với Công an huyện An Dương bắt giữ một xe tải chở hơn 2 tấn gà thải loại.</p></div>
            <div class="photo"><img src="/ga.jpg"><p>Số gà thải loại bị tạm giữ tại trụ sở đội, theo hình ảnh do cơ quan chức năng cung cấp cho báo chí.</p></div>
            <div class="entry"><p>Xe tải do tài xế Nguyễn Văn Khoa điều khiển bị chặn lại trên quốc lộ 5, trên thùng xe có 68 thùng xốp chứa gà đã làm sẵn.</p>
            <p>Tài xế không xuất trình được hóa đơn, giấy kiểm dịch; lực lượng chức năng đã lập biên bản, tạm giữ toàn bộ số hàng để tiêu hủy. Vụ việc đang được tiếp tục điều tra, xử lý.</p>
            <p style="text-align: right"><strong>Đức Thịnh</strong></p></div>
            </div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.hasPrefix("Rạng sáng 9/1"), "\(d.text)")
        #expect(d.text.hasSuffix("tiếp tục điều tra, xử lý."))
        #expect(!d.text.contains("Số gà thải loại bị tạm giữ") && !d.text.contains("Đức Thịnh"))
    }

    /// A photo story tells its story in the captions: they are its text when they say more than
    /// its prose; an article's captions are still left out.
    @Test func aPhotoStoryKeepsItsCaptions() throws {
        let caption = "người dân xã Vĩnh Xương chèo xuồng ra đồng thăm lưới từ bốn giờ sáng, mỗi đêm đặt gần ba mươi tay lưới dọc bờ kênh."
        var figures = ""
        for n in 1...6 { figures += "<figure><img src='/anh/\(n).jpg'><figcaption>Ảnh \(n): " + caption + "</figcaption></figure>" }
        let html = """
            <html><head><title>Mùa nước nổi ở đầu nguồn</title><meta property="article:published_time" content="2010-09-14T09:15:00+07:00"></head>
            <body><nav><a href="/">Trang chủ</a> <a href="/anh">Ảnh</a></nav><article><h1>Mùa nước nổi ở đầu nguồn</h1>
            <p>Nước lũ tràn đồng, người dân biên giới bắt đầu mùa mưu sinh quen thuộc, theo ghi nhận của phóng viên.</p>\(figures)</article></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.metadata["captions"] == true)
        #expect(d.text.contains("Nước lũ tràn đồng") && d.text.contains("Ảnh 1:") && d.text.contains("Ảnh 6:"))
        #expect(!d.text.contains("Trang chủ"))
    }

    /// The forum software a thread is written by.
    enum Forum: CaseIterable, Sendable {
        case phpBB2, phpBB3, invision, vBulletin4, xenForo, smf

        var opening: String {
            switch self {
            case .phpBB2: return "<table class='forumline'>"
            case .phpBB3, .invision: return "<div id='page-body'>"
            case .vBulletin4: return "<ol id='posts'>"
            case .xenForo: return "<form class='InlineModForm section'><ol class='messageList' id='messageList'>"
            case .smf: return "<div id='forumposts'>"
            }
        }
        var closing: String {
            switch self {
            case .phpBB2: return "</table>"
            case .phpBB3, .invision: return "</div>"
            case .vBulletin4: return "</ol>"
            case .xenForo: return "</ol></form>"
            case .smf: return "</div>"
            }
        }

        /// A quotation of `who`'s words, with the line that says whose they are.
        func quote(_ who: String, _ words: String) -> String {
            switch self {
            case .phpBB2, .phpBB3, .smf: return "<blockquote><div><cite>\(who) đã viết:</cite>\(words)</div></blockquote>"
            case .invision: return "<blockquote class='ipsBlockquote'><p class='citation'>\(who), vào lúc 14/08/2009 - 21:02, đã nói:</p><div class='blockquote'><p>\(words)</p></div></blockquote>"
            case .vBulletin4: return "<div class='bbcode_container'><div class='bbcode_quote'><div class='quote_container'><div class='bbcode_postedby'>Nguyên văn bởi <strong>\(who)</strong></div><div class='message'>\(words)</div></div></div></div>"
            case .xenForo: return "<div class='bbCodeBlock bbCodeQuote'><aside><div class='attribution type'>\(who) nói:</div><blockquote class='quoteContainer'><div class='quote'>\(words)</div></blockquote></aside></div>"
            }
        }

        /// A sponsor's advertisement set among the posts, written as one.
        var advertisement: String {
            let offer = "<a href='http://quangcao.example.vn/?ref=forum' rel='nofollow'><b>Nhà trọ Sinh Viên Xanh</b></a> – phòng mới, gần trường, giá ưu đãi cho tân sinh viên đặt trước."
            switch self {
            case .phpBB2, .phpBB3, .xenForo, .smf: return ""
            case .invision: return "<div class='post_block'><div class='post_body'><div class='post entry-content'><p>" + offer + "</p></div></div></div>"
            case .vBulletin4: return "<li class='postbitlegacy postcontainer'><div class='postbody'><div class='postrow'><div class='content'><blockquote class='postcontent'>" + offer + "</blockquote></div></div></div></li>"
            }
        }

        func post(_ n: Int, _ body: String) -> String {
            switch self {
            case .phpBB2:
                let panel = "<td class='row1'><span class='name'><b>thanhvien\(n)</b></span><br><span class='postdetails'>Thành viên<br>Ngày tham gia: 19 Th9 2008<br>Bài gửi: 21\(n)</span></td>"
                let header = "<span class='postdetails'>Gửi: 14/08/2009 21:0\(n) Tiêu đề: Re: Hỏi thủ tục ký túc xá</span><hr>"
                let signature = "<span class='postbody'><br>_________________<br>Chữ ký của thành viên \(n)</span>"
                return "<tr>" + panel + "<td class='row1'>" + header + "<span class='postbody'>" + body + "</span>" + signature + "</td></tr>"
            case .phpBB3:
                let header = "<h3><a href='#p\(n)'>Re: Hỏi thủ tục ký túc xá</a></h3><p class='author'>gửi bởi <a href='/u/\(n)'>thanhvien\(n)</a> » 14/08/2009</p>"
                let signature = "<div class='signature'>Chữ ký của thành viên \(n)</div>"
                let panel = "<dl class='postprofile'><dt>thanhvien\(n)</dt><dd>Bài viết: 21\(n)</dd><dd>Ngày tham gia: 19/09/2008</dd></dl>"
                return "<div class='post bg1'><div class='inner'><div class='postbody'>" + header + "<div class='content'>" + body + "</div>" + signature + "</div>" + panel + "</div></div>"
            case .invision:
                // The message is a "comment" to schema.org, as Invision Power Board writes it.
                let panel = "<div class='author_info'><span class='author vcard'>thanhvien\(n)</span><ul class='basic_info'><li class='post_count'>21\(n) bài viết</li></ul></div>"
                let header = "<p class='posted_info'>Đã gửi 14 Tháng 8 2009 - 21:0\(n)</p>"
                let signature = "<div class='signature'>Chữ ký của thành viên \(n)</div>"
                return "<div class='post_block'>" + panel + "<div class='post_body'>" + header + "<div itemprop='commentText' class='post entry-content'>" + body + "</div>" + signature + "</div></div>"
            case .vBulletin4:
                let panel = "<div class='userinfo'><a class='username'>thanhvien\(n)</a><dl class='userinfo_extra'><dt>Tham gia</dt><dd>09-2008</dd><dt>Bài viết</dt><dd>21\(n)</dd></dl></div>"
                let title = "<h2 class='title icon'>Re: Hỏi thủ tục ký túc xá</h2>"
                let signature = "<blockquote class='signature restore'>Chữ ký của thành viên \(n)</blockquote>"
                return "<li class='postbitlegacy postcontainer'><div class='postdetails'>" + panel + "<div class='postbody'><div class='postrow'>" + title
                    + "<div class='content'><blockquote class='postcontent restore'>" + body + "</blockquote></div></div>" + signature + "</div></div></li>"
            case .smf:
                // The message is marked only by its id, `msg_` and the post's number.
                let panel = "<div class='poster'><h4>thanhvien\(n)</h4><ul class='reset smalltext' id='msg_\(n)_extra_info'><li>Bài viết: 21\(n)</li><li>Tham gia: 09-2008</li></ul></div>"
                let header = "<div class='keyinfo'><h5>Re: Hỏi thủ tục ký túc xá</h5><div class='smalltext'>« Trả lời #\(n) vào lúc: 14/08/2009 »</div></div>"
                let signature = "<div class='signature' id='msg_\(n)_signature'>Chữ ký của thành viên \(n)</div>"
                return "<div class='windowbg'><div class='post_wrapper'>" + panel + "<div class='postarea'>" + header + "<div class='post'><div class='inner' id='msg_\(n)'>"
                    + body + "</div></div>" + signature + "</div></div></div>"
            case .xenForo:
                // The signature in the post's own class, right after it; the thread in a form.
                let panel = "<div class='messageUserInfo'><h3 class='userText'><a class='username'>thanhvien\(n)</a><em class='userTitle'>Thành viên</em></h3></div>"
                let signature = "<blockquote class='messageText ugc baseHtml'>Chữ ký của thành viên \(n), một câu dài cho đủ một dòng.</blockquote>"
                return "<li id='post-\(n)' class='message'>" + panel + "<div class='messageInfo primaryContent'><div class='messageContent'><article><blockquote class='messageText ugc baseHtml'>"
                    + body + "<div class='messageTextEndMarker'>&nbsp;</div></blockquote></article>" + signature + "</div><div class='messageMeta'><span class='DateTime'>14/08/2009</span></div></div></li>"
            }
        }
    }

    /// A thread on phpBB 2's table layout, phpBB 3's, Invision Power Board's, vBulletin 4's,
    /// XenForo's (in a moderation form, signatures in the posts' own class) and SMF's (messages
    /// marked by their id alone):
    /// the messages, quotations included, without posters' panels, post headers and titles,
    /// signatures, a quotation's "X wrote:", or a sponsor's advertisement set among the posts.
    @Test(arguments: Forum.allCases)
    func aForumThreadIsItsMessages(forum: Forum) throws {
        let bodies = [
            "Em là tân sinh viên khóa 2009, cho em hỏi hồ sơ đăng ký ký túc xá cần những gì ạ?",
            "Em chuẩn bị đơn theo mẫu, hai ảnh 3x4 và bản photo giấy báo nhập học.",
            forum.quote("thanhvien2", "hai ảnh 3x4") + "Dạ em cảm ơn anh chị, em sẽ nộp sớm.",
        ]
        var posts = ""
        for (i, body) in bodies.enumerated() { posts += forum.post(i + 1, body) + (i == 0 ? forum.advertisement : "") }
        let rules = "<div class='rules'>Nội quy diễn đàn: thành viên phải đăng ký bằng tên hợp lệ, viết tiếng Việt có dấu, không spam, không đăng bài quảng cáo ngoài khu vực rao vặt, và tôn trọng các thành viên khác.</div>"
        let html = "<html><head><title>Diễn đàn Sinh viên :: Hỏi thủ tục ký túc xá</title></head><body>"
            + "<div class='navbar'><a href='/'>Diễn đàn</a> <a href='/f/5'>Tân sinh viên</a></div>"
            + forum.opening + posts + forum.closing + rules + "</body></html>"
        let d = try Support.process(page(html), articlePipeline)
        let expected = "Em là tân sinh viên khóa 2009, cho em hỏi hồ sơ đăng ký ký túc xá cần những gì ạ?\n\n"
            + "Em chuẩn bị đơn theo mẫu, hai ảnh 3x4 và bản photo giấy báo nhập học.\n\n"
            + "hai ảnh 3x4\n\nDạ em cảm ơn anh chị, em sẽ nộp sớm."
        #expect(d.text == expected, "\(d.text)")
    }

    /// A board whose markup no forum software wrote: each post is a row of a poster's panel
    /// (rank, join date, post count) and a cell with the post's date line, the post and the
    /// signature — after a rule of dashes, or in a block of the post's own class. The posts are
    /// the thread's text; a quotation's bold "Trích dẫn của X:" is not. The same when the panels'
    /// labels come as windows-1258 decodes them, each tone mark a combining character.
    @Test(arguments: [false, true])
    func aHomeMadeBoardsPostsAreFoundBesideThePostersPanels(splitTones: Bool) throws {
        func row(_ n: Int, _ post: String, signature: String) -> String {
            "<tr><td class='nho' width='150'><span class='ten'>thanhvien\(n)</span><br>Cấp bậc: Thành viên<br>Ngày gia nhập: 19/08/2008<br>Số bài: 2\(n)<br>Quê quán: Huế</td>"
                + "<td><div class='nho'>Gửi lúc: 21:3\(n) - 25/08/2008 <a href='traloi.asp?id=\(n)'>[Trích dẫn]</a></div><hr>"
                + "<div class='noidung'>\(post)</div>\(signature)</td></tr>"
        }
        let posts = [
            row(1, "Em là tân sinh viên khóa 32, cần tìm phòng trọ gần trường, giá khoảng 400 nghìn một tháng.", signature: ""),
            row(2, "Em thử vô kiệt đường Nguyễn Trường Tộ xem, bên đó nhiều nhà cho sinh viên thuê.<br><br>-----------------<br><font size='1'>Nhận dạy kèm toán lớp 9, học phí thỏa thuận.</font>", signature: ""),
            row(3, "<table><tr><td><b>Trích dẫn của thanhvien2:</b><br><i>nhiều nhà cho sinh viên thuê</i></td></tr></table>Dạ em cảm ơn anh, mai em đi xem phòng.",
                signature: "<div class='noidung' style='border-top:1px dotted #ccc'>Dù mai ni răng rồi, xin nhớ dòng sông Hương.</div>"),
        ]
        let rules = "<table class='khung'><tr><td>Nội quy diễn đàn: viết tiếng Việt có dấu, không đăng bài rao vặt sai chuyên mục, tôn trọng các thành viên khác trong mọi trao đổi.</td></tr></table>"
        let html = "<html><head><title>Diễn đàn Sinh viên Huế - Tìm phòng trọ gần trường</title></head><body>"
            + "<table class='khung'><tr><td colspan='2'><b>Tìm phòng trọ gần trường (Đã xem: 1.208 lần)</b></td></tr>" + posts.joined() + "</table>" + rules + "</body></html>"
        var source = html
        if splitTones {
            for (label, split) in [("Cấp bậc", "C\u{00E2}\u{0301}p b\u{00E2}\u{0323}c"), ("Ngày gia nhập", "Nga\u{0300}y gia nh\u{00E2}\u{0323}p"),
                                   ("Số bài", "S\u{00F4}\u{0301} ba\u{0300}i"), ("Quê quán", "Qu\u{00EA} qua\u{0301}n")] {
                source = source.replacingOccurrences(of: label, with: split)
            }
            #expect(source.unicodeScalars.contains("\u{0323}"), "the labels are written with combining tone marks")
        }
        let d = try Support.process(page(source), articlePipeline)
        let expected = "Em là tân sinh viên khóa 32, cần tìm phòng trọ gần trường, giá khoảng 400 nghìn một tháng.\n\n"
            + "Em thử vô kiệt đường Nguyễn Trường Tộ xem, bên đó nhiều nhà cho sinh viên thuê."
        #expect(d.text.hasPrefix(expected), "\(d.text)")
        #expect(d.text.contains("nhiều nhà cho sinh viên thuê\n") && d.text.hasSuffix("Dạ em cảm ơn anh, mai em đi xem phòng."), "\(d.text)")
        for furniture in ["Cấp bậc", "Gửi lúc", "Trích dẫn của", "Nhận dạy kèm", "dòng sông Hương", "Nội quy", "Đã xem"] {
            #expect(!d.text.contains(furniture), "\(furniture) in \(d.text)")
        }
    }

    /// One element classed as a post's body is a blog engine's article body, not a thread.
    /// XenForo's first post repeating the thread's title in bold, and its "click to expand"
    /// line under a quotation: the headline's words and the board's, not the posters'.
    @Test func aRepeatedTitleAndAQuotesExpandLineAreNotThePosts() throws {
        let forum = Forum.xenForo
        let quote = forum.quote("thanhvien2", "hai ảnh 3x4").replacingOccurrences(
            of: "</div></blockquote>", with: "</div><div class='quoteExpand'>Nhấp để mở rộng...</div></blockquote>")
        let bodies = [
            "<b>Hỏi thủ tục đăng ký ký túc xá</b><br>Em là tân sinh viên khóa 2009, cho em hỏi hồ sơ đăng ký ký túc xá cần những gì ạ?",
            "Em chuẩn bị đơn theo mẫu, hai ảnh 3x4 và bản photo giấy báo nhập học.",
            quote + "Dạ em cảm ơn anh chị, em sẽ nộp sớm.",
        ]
        let posts = bodies.enumerated().map { forum.post($0.offset + 1, $0.element) }.joined()
        let html = "<html><head><title>Hỏi thủ tục đăng ký ký túc xá | Diễn đàn Sinh viên</title></head><body>"
            + "<div class='titleBar'><h1>Hỏi thủ tục đăng ký ký túc xá</h1></div>"
            + forum.opening + posts + forum.closing + "</body></html>"
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.hasPrefix("Em là tân sinh viên khóa 2009"), "\(d.text)")
        #expect(!d.text.contains("Nhấp để mở rộng"), "\(d.text)")
        #expect(d.text.contains("Dạ em cảm ơn anh chị"), "\(d.text)")
    }

    @Test func oneMessageIsNotAThread() throws {
        let html = "<html><body><nav><a href='/'>Blog</a></nav><div class='postbody'><p>Bài viết duy nhất, đủ dài để là một đoạn văn, có dấu phẩy, và một câu nữa cho chắc.</p></div>"
            + "<div class='sidebar'><a href='/1'>Bài cũ một</a> <a href='/2'>Bài cũ hai</a></div></body></html>"
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text == "Bài viết duy nhất, đủ dài để là một đoạn văn, có dấu phẩy, và một câu nữa cho chắc.")
    }

    @Test(arguments: [
        ("Cập nhật lúc 09:15, Thứ Ba, 14/09/2010 (GMT+7)", true),
        ("20/03/2009 08:15", true),
        ("ngày 5 tháng 9 năm 2012", true),
        ("March 4, 2013", true),
        ("Gửi: 14/08/2009 21:05", true),
        // A year alone, a sentence that names a date, a price.
        ("2010", false),
        ("Ngày 14/09/2010, Ủy ban nhân dân tỉnh An Giang đã tổ chức hội nghị tổng kết công tác phòng chống lũ lụt năm nay", false),
        ("Giá 2.010.000 đồng", false),
    ])
    func dateLines(text: String, isDate: Bool) {
        let matched = text.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: text.utf8.count + 1) { DateLine.matches($0) } }
        #expect(matched == isDate)
    }

    @Test func aTitlesPartsAreItsHeadlineCandidates() {
        #expect(Headline.parts("Báo Đồng Bằng - Nông dân trúng mùa") == ["Báo Đồng Bằng - Nông dân trúng mùa", "Báo Đồng Bằng", "Nông dân trúng mùa"])
        #expect(Headline.similarity(WordBag.words("Nông dân trúng mùa cá linh"), WordBag.words("nông dân TRÚNG mùa")) == 0.8)
    }

    /// A section's page (title and `<h1>` name the section) whose top story is told in full —
    /// its headline a link like every teaser's, its lead in an `<h2>` — above ten teasers of the
    /// same topic in the same markup: the top story is the article, not the section's listing.
    @Test func aSectionPagesTopStoryToldInFullIsTheArticle() throws {
        func item(_ k: Int, _ body: String) -> String {
            "<div class='item'><h3><a href='/tuyen-sinh/tin-\(k).html'>Trường thứ \(k) công bố phương án tuyển sinh năm nay</a></h3>"
                + "<span class='date'>12/03/2012</span>\(body)</div>"
        }
        let story = item(0, "<h2 class='sapo'>Năm nay trường Cao đẳng Sư phạm Bắc Sơn tuyển 900 chỉ tiêu, tăng 120 so với năm trước, ở cả ba khối thi.</h2>"
            + "<p>Theo phòng đào tạo, thí sinh đăng ký ngành giáo dục mầm non sẽ thi thêm môn năng khiếu vào đầu tháng Bảy, tại cơ sở chính của trường.</p>"
            + "<p>Trường cũng dành 50 chỉ tiêu cho học sinh các huyện miền núi, xét tuyển theo học bạ, và miễn học phí năm đầu cho thí sinh thủ khoa.</p>"
            + "<p>Hồ sơ nộp tại sở giáo dục các tỉnh trước ngày 17/4, lệ phí như mọi năm.</p>")
        let teasers = (1...10).map { item($0, "<p>Trường số \($0) thông báo chỉ tiêu và khối thi, hồ sơ nộp trước tháng Tư.</p>") }.joined()
        let html = """
            <html><head><meta charset="utf-8"><title>Tuyển sinh - Báo Giáo Dục Mới</title></head><body>
            <div class="menu"><a href="/">Trang chủ</a> <a href="/tuyen-sinh">Tuyển sinh</a> <a href="/du-hoc">Du học</a></div>
            <h1>Tuyển sinh</h1><div class="list">\(story)\(teasers)</div>
            <div class="pager"><a href="?p=2">Trang 2</a> <a href="?p=3">Trang 3</a></div>
            <div class="footer">Báo Giáo Dục Mới — Giấy phép số 45/GP-BTTTT.</div></body></html>
            """
        let d = try Support.process(page(html), articlePipeline)
        #expect(d.text.hasPrefix("Năm nay trường Cao đẳng Sư phạm Bắc Sơn"), "\(d.text)")
        #expect(d.text.contains("lệ phí như mọi năm."))
        for furniture in ["công bố phương án", "Trường số 3 thông báo", "Trang 2", "Giấy phép"] {
            #expect(!d.text.contains(furniture), "\(furniture) in \(d.text)")
        }
        // The other stories as bare headlines in a list, and the story's body in a block of its own
        // (the block a reading chooses): still the story, without the list.
        let bare = "<ul class='more'>" + (1...10).map { "<li><a href='/tuyen-sinh/tin-\($0).html'>Trường thứ \($0) công bố phương án tuyển sinh năm nay</a></li>" }.joined() + "</ul>"
        let listed = try Support.process(page(html.replacingOccurrences(of: teasers, with: "").replacingOccurrences(of: "</div>\n<div class=\"pager\">", with: "</div>\(bare)\n<div class=\"pager\">")), articlePipeline)
        #expect(listed.text.hasPrefix("Năm nay trường Cao đẳng Sư phạm Bắc Sơn") && listed.text.hasSuffix("lệ phí như mọi năm."), "\(listed.text)")
        // Ten equal teasers and no story told in full: the section's listing, as before.
        let index = html.replacingOccurrences(of: story, with: item(0, "<p>Trường số 0 thông báo chỉ tiêu và khối thi, hồ sơ nộp trước tháng Tư.</p>"))
        let listing = try Support.process(page(index), articlePipeline)
        #expect(listing.text.contains("Trường số 3 thông báo") && listing.text.contains("Trường số 9 thông báo"), "\(listing.text)")
    }
}
