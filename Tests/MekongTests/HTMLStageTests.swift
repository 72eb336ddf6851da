import Testing
@testable import Mekong

private let textPipeline = #"{"name": "t", "stages": [{"use": "html", "with": {"mode": "all"}}]}"#
private let articlePipeline = #"{"name": "t", "stages": [{"use": "html"}]}"#

private func htmlDocument(_ bytes: [UInt8], id: String = "page.html", format: DocumentFormat = .html) -> Document {
    Document(id: id, source: Source(uri: id, format: format, size: bytes.count, raw: bytes))
}

@Suite("html stage")
struct HTMLStageTests {
    @Test func extractsParagraphsAndDropsScriptsStylesAndHiddenText() throws {
        let html = """
            <html lang="vi"><head><title> Tin  mới | Báo </title><style>p{}</style></head>
            <body><script>var x = "<p>không</p>";</script>
            <h1>Tiêu đề</h1><p>Đoạn  một,
            dòng hai.<br>Dòng ba.</p><div hidden>ẩn</div><p style="display: none">ẩn</p>
            <ul><li>Mục &amp; một</li><li>Mục hai</li></ul></body></html>
            """
        let d = try Support.process(htmlDocument(Array(html.utf8)), textPipeline)
        #expect(d.text == "Tiêu đề\n\nĐoạn một, dòng hai.\nDòng ba.\n\nMục & một\n\nMục hai")
        #expect(d.layers[.paragraphs].map { d.text(in: $0.range) } == ["Tiêu đề", "Đoạn một, dòng hai.\nDòng ba.", "Mục & một", "Mục hai"])
        #expect(d.metadata["title"] == "Tin mới | Báo")
        #expect(d.metadata["declaredLanguage"] == "vi")
        #expect(d.source.raw == nil)
    }

    @Test func articleModeKeepsTheArticleAndReadsItsMetadata() throws {
        let html = """
            <html lang="vi"><head>
            <title>Pháp đầu tư 109 tỷ Euro vào AI - Báo Mẫu</title>
            <meta property="og:site_name" content="Báo Mẫu">
            <meta property="article:published_time" content="2025-02-09T20:15:00+07:00">
            <meta name="author" content="Minh An">
            <link rel="canonical" href="https://bao.example/phap-ai-109-ty.html">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Pháp đầu tư 109 tỷ Euro vào AI","datePublished":"2025-02-09T20:15:00+07:00","author":{"@type":"Person","name":"Minh An"}}</script>
            </head><body>
            <header><nav><a href="/">Trang chủ</a> <a href="/the-gioi">Thế giới</a> <a href="/kinh-te">Kinh tế</a></nav></header>
            <div class="container">
              <article class="article-detail">
                <h1>Pháp đầu tư 109 tỷ Euro vào AI</h1>
                <div class="byline">Minh An - 09/02/2025 20:15</div>
                <div class="article-body">
                  <p>Tổng thống Emmanuel Macron cho biết ngành trí tuệ nhân tạo của Pháp sẽ nhận khoản đầu tư tư nhân trị giá 109 tỷ Euro, tương đương 112,6 tỷ USD, trong những năm tới.</p>
                  <p>Các Tiểu vương quốc Ả Rập Thống nhất sẽ đầu tư từ 30 đến 50 tỷ Euro để xây dựng một trung tâm dữ liệu AI, theo thông báo của chính phủ Pháp, ông nói thêm.</p>
                  <h2>Cuộc đua AI toàn cầu</h2>
                  <p>Hội nghị thượng đỉnh về trí tuệ nhân tạo thu hút lãnh đạo của nhiều quốc gia, các tập đoàn công nghệ lớn và giới nghiên cứu tại Paris.</p>
                  <ul><li>Mỹ: dự án Stargate, 500 tỷ USD, với OpenAI, Oracle và SoftBank.</li><li>Pháp: 109 tỷ Euro từ các nhà đầu tư tư nhân, trong nhiều năm.</li></ul>
                  <div class="share-tools"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
                </div>
                <div class="related-news"><h3>Tin liên quan</h3><ul><li><a href="/a">Mỹ công bố dự án Stargate trị giá 500 tỷ USD</a></li><li><a href="/b">Trung Quốc ra mắt mô hình DeepSeek R1</a></li></ul></div>
              </article>
              <aside class="sidebar"><h3>Đọc nhiều</h3><ol><li><a href="/c">Giá vàng hôm nay tăng mạnh, lên mức cao kỷ lục mới</a></li></ol></aside>
              <div id="comments" class="comment-box"><p>Bạn đọc A: Bài viết rất hay, cảm ơn tác giả đã tổng hợp.</p></div>
            </div>
            <footer class="site-footer"><p>© 2025 Báo Mẫu. Giấy phép số 123/GP-BTTTT.</p></footer>
            </body></html>
            """
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        let paragraphs = d.layers[.paragraphs].map { d.text(in: $0.range) }
        #expect(paragraphs.first?.hasPrefix("Tổng thống Emmanuel Macron") == true, "\(paragraphs)")
        #expect(paragraphs.contains("Cuộc đua AI toàn cầu"))
        #expect(paragraphs.contains("Pháp: 109 tỷ Euro từ các nhà đầu tư tư nhân, trong nhiều năm."))
        for junk in ["Trang chủ", "Minh An - 09/02", "Facebook", "Tin liên quan", "Stargate trị giá", "Đọc nhiều", "Bạn đọc A", "© 2025"] {
            #expect(!d.text.contains(junk), "\(junk) should be left out")
        }
        #expect(d.metadata["title"] == "Pháp đầu tư 109 tỷ Euro vào AI")
        #expect(d.metadata["published"] == "2025-02-09T20:15:00+07:00")
        #expect(d.metadata["author"] == "Minh An")
        #expect(d.metadata["url"] == "https://bao.example/phap-ai-109-ty.html")
        #expect(d.metadata["site"] == "Báo Mẫu")
        #expect(d.metadata["extraction"] == "article")
    }

    @Test func jsonLDArticleBodyWinsWhenTheLayoutHidesTheText() throws {
        let body = "Đây là nội dung bài báo đầy đủ, được trang web đặt trong dữ liệu có cấu trúc. Đoạn văn này đủ dài để được tính là thân bài.\\nĐoạn thứ hai của bài cũng nằm trong articleBody, còn trang chỉ hiện một dòng tóm tắt."
        let html = """
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Tiêu đề","articleBody":"\(body)"}</script></head>
            <body><div class="content"><p>Tóm tắt ngắn, mời bạn đọc toàn bộ bài viết trong ứng dụng của chúng tôi.</p></div></body></html>
            """
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["extraction"] == "json-ld")
        #expect(d.layers[.paragraphs].count == 2)
        #expect(d.text.hasPrefix("Đây là nội dung bài báo đầy đủ"))
    }

    @Test func aPageRenderedByScriptsIsReadFromItsNoscript() throws {
        let posts = (1...4).map { "<div class='post'><p>Bài viết số \($0) của diễn đàn: tôi đã cập nhật phần mềm, nhưng máy vẫn báo lỗi khi khởi động, ai biết cách sửa không?</p></div>" }.joined()
        let html = "<html><body><section id='splash'>Đang tải…</section><noscript><div id='main'>\(posts)</div></noscript></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["noscript"] == true)
        #expect(d.text.contains("Bài viết số 1") && d.text.contains("Bài viết số 4"))
        // An article whose <noscript> only asks for JavaScript keeps its text without it.
        let article = "<html><body><noscript>Vui lòng bật JavaScript để xem trang này.</noscript><article>"
            + String(repeating: "<p>Ngân hàng Nhà nước cho biết tín dụng toàn nền kinh tế tăng khoảng 15%, lãi suất cho vay giảm nhẹ so với cùng kỳ năm trước.</p>", count: 3)
            + "</article></body></html>"
        let a = try Support.process(htmlDocument(Array(article.utf8)), articlePipeline)
        #expect(a.metadata["noscript"] == nil && !a.text.contains("JavaScript") && a.text.contains("Ngân hàng"))
    }

    @Test func contentHiddenForScriptsToRevealIsReadWhenNothingElseIs() throws {
        // A shop hides the product description with an inline style until its scripts run.
        let description = String(repeating: "<p>Áo thun thể thao vải thoáng khí, thấm hút mồ hôi nhanh, co giãn bốn chiều, phù hợp tập gym và chạy bộ.</p>", count: 4)
        let html = "<html><body><header><a href='/'>Trang chủ</a> <a href='/gio-hang'>Giỏ hàng</a></header>"
            + "<div class='menu' style='display: none'><a href='/ao'>Áo</a> <a href='/quan'>Quần</a></div>"
            + "<div class='product-wrapper' style='display:none'><article><h1>Áo thun Arrival</h1>\(description)</article></div>"
            + "<footer>© 2025 Cửa hàng</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["extraction"] == "revealed")
        #expect(d.text.contains("vải thoáng khí") && !d.text.contains("Giỏ hàng") && !d.text.contains("©"))
        // A page with text of its own still leaves what its styles hide.
        let article = "<html><body><article>" + description + "<div style='display:none'>Quảng cáo ẩn, mua ngay hôm nay với giá ưu đãi đặc biệt chỉ trong tuần này.</div></article></body></html>"
        let a = try Support.process(htmlDocument(Array(article.utf8)), articlePipeline)
        #expect(a.metadata["extraction"] == "article" && !a.text.contains("Quảng cáo ẩn"))
    }

    @Test func markupLibxml2MisnestsIsStillRead() throws {
        let story = String(repeating: "<p>Ngân hàng Nhà nước cho biết tín dụng toàn nền kinh tế tăng khoảng 15%, lãi suất cho vay giảm nhẹ so với cùng kỳ năm trước.</p>", count: 3)
        // A script before <html>: libxml2 keeps it as a top-level element of its own.
        let scriptFirst = "<script>var a = 1;</script>\n<html><head><title>Tin</title></head><body><article>\(story)</article></body></html>"
        // No <html> at all: a row of top-level elements.
        let noHTML = "<meta charset='utf-8'><title>Tin</title><div id='content'><article>\(story)</article></div>"
        // An unclosed element inside a <button>: everything after it ends up inside the button.
        let button = "<html><body><header><button class='menu'><div class='inner'><div></button></header><main><article>\(story)</article></main></body></html>"
        for html in [scriptFirst, noHTML, button] {
            let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
            #expect(d.text.contains("tín dụng toàn nền kinh tế"), "\(html.prefix(60))")
        }
        // A real button's label is still no text.
        let real = "<html><body><article>\(story)<button>Đăng ký nhận tin</button></article></body></html>"
        #expect(!(try Support.process(htmlDocument(Array(real.utf8)), articlePipeline)).text.contains("Đăng ký"))
    }

    @Test func forumPostsInNoscriptClassedAsCommentsAreTheContent() throws {
        // Discourse: the thread only in <noscript>, every reply marked as a comment.
        let first = "<div class='topic-body crawler-post'><div class='post'><p>Trang tin nào tốt cho người mới học?</p></div></div>"
        let replies = (1...5).map { "<div class='topic-body crawler-post' itemprop='comment'><div class='post'><p>Trả lời \($0): tôi đọc báo song ngữ mỗi sáng, bắt đầu bằng các bài ngắn về thời sự và thể thao.</p></div></div>" }.joined()
        let html = "<html><body><section id='d-splash'>Đang tải</section><noscript><header><a href='/'>Diễn đàn</a></header><div id='main-outlet' role='main'>\(first)\(replies)</div></noscript></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["noscript"] == true)
        #expect(d.text.contains("Trả lời 1") && d.text.contains("Trả lời 5"))
    }

    @Test func aFallbackReplacesShortLinesButNotProse() {
        let replies = String(repeating: "Trả lời: tôi đọc báo song ngữ mỗi sáng, bắt đầu bằng các bài ngắn về thời sự. ", count: 30)
        // A thread's header and a banner, a few short lines: the longer reading wins.
        let header = (1...6).map { "Dòng tiêu đề số \($0) của chủ đề: 23 bài, 3 người viết, 928 lượt xem" }.joined(separator: "\n")
        #expect(header.count >= 200 && HTMLTextStage.saysMore(replies, than: header))
        // A short article, one paragraph of prose: not traded for a reading without it.
        let prose = String(repeating: "Ngân hàng Nhà nước cho biết tín dụng toàn nền kinh tế tăng khoảng 15%. ", count: 4)
        #expect(!HTMLTextStage.saysMore(replies, than: prose))
        #expect(HTMLTextStage.saysMore(prose + "\n\n" + replies, than: prose))
    }

    @Test func utilityClassesAreNotCues() throws {
        // Tailwind styles captions inside the article and hides a wrapper at one screen size.
        let story = String(repeating: "<p>Ngân hàng Nhà nước cho biết tín dụng toàn nền kinh tế tăng khoảng 15%, lãi suất cho vay giảm nhẹ so với cùng kỳ năm trước.</p>", count: 3)
        let html = "<html><body><div class='banner'>Khuyến mãi 50% hôm nay</div><div class='md:hidden lg:block'><article class='[&_figcaption]:mt-xs [&_p]:text-black'>\(story)</article></div></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("tín dụng toàn nền kinh tế") && !d.text.contains("Khuyến mãi"))
    }

    @Test func cueWordsAreFoundInAnyCaseAndAnyPlace() {
        let cues = { (text: String) in ArticleExtractor.Cues(text) }
        #expect(cues("post-body main-Content") == [.likely])
        #expect(cues("Related-Links SIDEBAR") == [.unlikely])
        #expect(cues("entry-content") == [.likely, .strong])
        // Comments are boilerplate on an article, posts on a discussion: the extractor decides.
        #expect(cues("comment-list") == [.comment] && !cues("comment-list").isUnlikely)
        #expect(cues("accordion-panel--hidden") == [.hidden, .panel] && !cues("accordion-panel--hidden").isUnlikely)
        #expect(cues("is-hidden") == [.hidden] && cues("is-hidden").isUnlikely)
        #expect(cues("x-ad-slot") == [.unlikely])
        #expect(cues("   ") == [.blank] && cues("") == [.blank])
        #expect(cues("commen rela") == [])
        #expect(PageFacts.classWords.tags(in: "wp-Caption-text") & PageFacts.caption != 0 && PageFacts.classWords.tags(in: "capt") & PageFacts.caption == 0)
        // Utility classes with a variant or an arbitrary value are not cues; the rest are kept.
        #expect(ArticleExtractor.cueClassNames("md:hidden  post-body [&_p]:mt-2 content ") == "post-body content")
        #expect(ArticleExtractor.cueClassNames("entry  content") == "entry  content")
        #expect(ArticleExtractor.cueClassNames("lg:flex") == "" && ArticleExtractor.cueClassNames(nil) == "")
    }

    @Test func aListingIsTakenWholeWithItsLinks() throws {
        // A job board: the content is lists of links, nothing like an article.
        let jobs = (1...12).map { "<li><a href='/viec/\($0)'><div class='listing'><span>Lập trình viên số \($0)</span> <span>Hà Nội</span> <span>Toàn thời gian</span></div></a></li>" }.joined()
        let html = "<html><body><header class='nav-header'><a href='/'>Việc làm</a> <a href='/dang-tin'>Đăng tin</a></header><div class='content'><section class='jobs'><ul>\(jobs)</ul></section></div><footer>© 2025</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("Lập trình viên số 1") && d.text.contains("Lập trình viên số 12") && !d.text.contains("Đăng tin"))
        // A short dated article — a few sentences — stays the article, not the page around it.
        let teaser = "<html><head><meta property='article:published_time' content='2025-03-01T08:00:00+07:00'></head><body><nav><ul>" + (1...15).map { "<li><a href='/\($0)'>Chuyên mục \($0)</a></li>" }.joined() + "</ul></nav>"
            + "<article><p>Trò chơi điện tử từng rất đơn giản: mua một trò chơi, ngồi trước máy và chơi đến hết, rồi chơi lại từ đầu.</p>"
            + "<p>Nay người chơi chi tiền nhiều lần cho các vật phẩm ảo, chơi trên điện thoại cùng bạn bè ở xa, và trò chơi không còn hồi kết.</p></article>"
            + "<div class='links'>" + (1...15).map { "<a href='/tin/\($0)'>Tin khác số \($0)</a> " }.joined() + "</div></body></html>"
        let t = try Support.process(htmlDocument(Array(teaser.utf8)), articlePipeline)
        #expect(t.metadata["extraction"] == "article" && t.text.contains("Trò chơi điện tử") && !t.text.contains("Chuyên mục"))
    }

    @Test func forumPostsClassedAsCommentsAreStillTheContent() throws {
        let posts = (1...5).map { "<div class='comment-body'><p>Trả lời \($0): theo kinh nghiệm của tôi, bạn nên gỡ bản cập nhật rồi cài lại, sau đó khởi động lại máy hai lần.</p></div>" }.joined()
        let html = "<html><body><nav><a href='/'>Trang chủ</a> <a href='/dien-dan'>Diễn đàn</a></nav><div id='thread'>\(posts)</div><footer>© 2025 Diễn đàn</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["extractionCues"] == "ignored")
        #expect(d.text.contains("Trả lời 1") && d.text.contains("Trả lời 5") && !d.text.contains("Trang chủ") && !d.text.contains("©"))
    }

    /// A thread that declares itself one (schema.org `DiscussionForumPosting`, here in
    /// microdata, or `QAPage` in JSON-LD) keeps its replies, marked up as `comment`s, with its
    /// first post; a page that does not leaves them out as comments.
    @Test(arguments: [
        "<div itemscope itemtype='https://schema.org/DiscussionForumPosting'>",
        "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@type\": \"QAPage\", \"mainEntity\": {\"@type\": \"Question\", \"name\": \"Máy cắt gỗ\"}}</script><div>",
        "<div>",
    ])
    func aThreadKeepsItsRepliesAnArticleLeavesItsComments(opening: String) throws {
        let replies = (1...6).map { "<div class='reply' itemprop='comment'><p>Trả lời \($0): tôi dùng máy cưa đĩa cho mặt bàn, cưa lọng cho đường cong, và luôn đeo kính bảo hộ khi làm việc.</p></div>" }.joined()
        let html = "<html><body><nav><a href='/'>Diễn đàn</a></nav>" + opening
            + "<div class='post' itemprop='text'><p>Chào mọi người, tôi mới tập làm mộc và muốn làm nghiêm túc hơn. Hiện tôi có máy khoan, máy mài góc, "
            + "cưa đĩa, cưa lọng, máy chà nhám và một máy hàn que, cùng các dụng cụ cầm tay thông thường. Tôi đang làm một chiếc bàn nhỏ chân sắt "
            + "mặt gỗ, và muốn tìm một dự án tiếp theo vừa sức người mới, vui mà không quá tốn kém. Mọi gợi ý đều quý, cảm ơn cả nhà.</p></div>"
            + "<div class='replies'>\(replies)</div></div><footer>© 2025</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("tôi mới tập làm mộc"))
        let isThread = opening != "<div>"
        #expect(d.text.contains("Trả lời 1") == isThread && d.text.contains("Trả lời 6") == isThread, "\(d.text)")
    }

    @Test func linkListsStayOnIndexPagesAndLeaveArticles() throws {
        // An index whose content is lists of links.
        let items = (1...8).map { "<li><a href='/ngon-ngu/\($0)'>Ngôn ngữ lập trình số \($0)</a> (199\($0))</li>" }.joined()
        let index = "<html><body><div id='content'><p>Đây là danh mục các ngôn ngữ lập trình, xếp theo thứ tự, kèm một dòng mô tả ngắn cho từng ngôn ngữ.</p><ul>\(items)</ul><ul>\(items)</ul></div></body></html>"
        let d = try Support.process(htmlDocument(Array(index.utf8)), articlePipeline)
        #expect(d.text.contains("Ngôn ngữ lập trình số 1") && d.text.contains("Ngôn ngữ lập trình số 8"))
        // An article's "related" list of bare links is left out.
        let related = (1...4).map { "<li><a href='/tin/\($0)'>Tin liên quan số \($0)</a></li>" }.joined()
        let article = "<html><body><article>"
            + String(repeating: "<p>Ngân hàng Nhà nước cho biết tín dụng toàn nền kinh tế tăng khoảng 15%, lãi suất cho vay giảm nhẹ so với cùng kỳ năm trước, theo báo cáo mới nhất.</p>", count: 4)
            + "<ul>\(related)</ul></article></body></html>"
        let a = try Support.process(htmlDocument(Array(article.utf8)), articlePipeline)
        #expect(a.text.contains("Ngân hàng") && !a.text.contains("Tin liên quan"))
    }

    @Test func aPageOfShortSectionsIsTakenWholeLessItsFurniture() throws {
        // A service page: many short sections, none of them prose enough to be "the article".
        let sections = ["Tư vấn thuế cho doanh nghiệp nhỏ", "Kế toán trọn gói hằng tháng", "Kiểm toán báo cáo tài chính",
                        "Đào tạo nhân viên kế toán", "Hỗ trợ quyết toán cuối năm", "Dịch vụ lương và bảo hiểm"]
            .map { "<section class='service'><h2>\($0)</h2><span>Liên hệ để nhận báo giá trong ngày.</span></section>" }.joined()
        // One block is prose enough for the article pass to choose it alone.
        let about = "<div class='about'><p>Công ty chúng tôi, thành lập năm 2010, phục vụ hơn 500 doanh nghiệp tại Hà Nội, Đà Nẵng và TP.HCM.</p></div>"
        let html = "<html><body><header><a href='/'>Trang chủ</a> <a href='/lien-he'>Liên hệ</a></header><main><h1>Dịch vụ kế toán</h1>\(about)<div class='grid'>\(sections)</div></main><footer>Bản quyền 2025 Công ty Kế toán</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["extraction"] == "page")
        #expect(d.text.contains("Tư vấn thuế cho doanh nghiệp nhỏ") && d.text.contains("Dịch vụ lương và bảo hiểm"))
        #expect(d.text.contains("thành lập năm 2010") && !d.text.contains("Trang chủ") && !d.text.contains("Bản quyền"))
        // A page's own heading is part of a page taken whole (an article's headline is its title).
        #expect(d.text.hasPrefix("Dịch vụ kế toán"))
        // Its one paragraph of prose does not make an undated service page an article.
        let prose = "<div class='about'><p>Công ty chúng tôi, thành lập năm 2010, phục vụ hơn 500 doanh nghiệp tại Hà Nội, Đà Nẵng và TP.HCM. Đội ngũ kế toán viên giàu kinh nghiệm giúp doanh nghiệp yên tâm về sổ sách, thuế và báo cáo tài chính. Chúng tôi cam kết bảo mật thông tin và báo giá minh bạch cho từng gói dịch vụ.</p></div>"
        let longer = html.replacingOccurrences(of: about, with: prose).replacingOccurrences(of: sections, with: sections + sections + sections)
        let p = try Support.process(htmlDocument(Array(longer.utf8)), articlePipeline)
        #expect(p.metadata["extraction"] == "page" && p.text.contains("Dịch vụ lương và bảo hiểm"))
    }

    @Test func sectionHeadersAreContentThePageBannerIsNot() throws {
        // HTML5: a <header> in <main> or a <section> heads that part (its title and lead); the
        // page's own <header> is the banner.
        let html = "<html><body><header><a href='/'>Trang chủ</a> <p>Gọi ngay 1900 1234 để được tư vấn miễn phí</p></header><main><section>"
            + "<header><h2>Ghi hình màn hình nhanh</h2><p>Ghi màn hình và camera chỉ với vài cú nhấp, chia sẻ ở bất cứ đâu.</p></header>"
            + "<p>Mỗi video được lưu trên đám mây, xem lại được trên điện thoại, máy tính bảng và máy tính.</p>"
            + "<p>Khách hàng nhận báo cáo hằng tuần, có số liệu, biểu đồ và lời khuyên cụ thể cho từng tháng.</p>"
            + "</section></main><footer>Bản quyền 2025</footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("Ghi hình màn hình nhanh\n\nGhi màn hình và camera chỉ với vài cú nhấp"))
        #expect(d.text.contains("Mỗi video được lưu") && d.text.contains("Khách hàng nhận báo cáo"))
        #expect(!d.text.contains("Trang chủ") && !d.text.contains("1900 1234") && !d.text.contains("Bản quyền"))
    }

    @Test func anIconsTitleIsNotThePagesTitle() throws {
        let html = "<html><body><a href='/'><svg viewBox='0 0 24 24'><title>Facebook icon</title><path d='M0 0h24v24H0z'/></svg></a>"
            + "<p>Giá vàng hôm nay tăng mạnh, theo báo cáo của ngân hàng Nhà nước công bố sáng nay.</p></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.metadata["title"] == nil && d.text.contains("Giá vàng hôm nay"))
    }

    /// Vue's `@click` and Angular's `(click)` are HTML attribute names libxml2 2.9 cannot read:
    /// it used to read the rest of the value as markup, and a `>` in it ended the tag, so the
    /// tail of the value became page text. The text still maps back to the page.
    @Test func frameworkAttributeNamesDoNotLeakTheirValuesIntoTheText() throws {
        let html = "<html><body><article><h1>Micro thu âm SM7dB</h1>"
            + "<span @click.prevent=\"add('SM7dB', {category: 'Studio & Recording > Microphones', brand: 'Shure'})\" (keyup)='go(a > b)' [hidden-if]=\"n > 0\">Thêm vào giỏ</span>"
            + "<p>Micro có bộ tiền khuếch đại tích hợp, tăng 18 hoặc 28 dB, không cần thiết bị phụ trợ khi thu âm.</p></article></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), textPipeline)
        #expect(!d.text.contains("Microphones") && !d.text.contains("brand") && !d.text.contains("go(a"))
        #expect(d.text.contains("Thêm vào giỏ") && d.text.contains("Micro có bộ tiền khuếch đại"))
        let source = TextView(html)
        let start = try #require(d.text.range(of: "Thêm vào giỏ")).lowerBound
        let offset = d.text.unicodeScalars.distance(from: d.text.unicodeScalars.startIndex, to: start)
        #expect(source.string(try #require(d.sourceRange(offset..<offset + 12))) == "Thêm vào giỏ")
    }

    /// Terms of use, cookie notices and sign-up forms in a dialog (by `role` or `aria-modal`,
    /// shown over the page) are not the article, even when they hold most of the page's text.
    @Test func dialogsAreNotTheArticle() throws {
        let terms = String(repeating: "<p>Điều khoản sử dụng: bạn đồng ý rằng mọi tranh chấp, khiếu nại và yêu cầu bồi thường được giải quyết theo quy định.</p>", count: 30)
        let html = "<html><body><main><h1>Giày len Merino</h1>"
            + "<p>Đôi giày làm từ len Merino mềm, êm chân cả ngày, giặt được bằng máy và giữ ấm khi trời lạnh.</p>"
            + "<p>Đế giày làm từ mía, nhẹ và bền, phù hợp cho đi bộ hằng ngày, đi làm và du lịch.</p></main>"
            + "<div id='terms' aria-modal='true'>\(terms)</div>"
            + "<div role='dialog'><p>Đăng ký nhận tin để được giảm giá mười phần trăm cho đơn hàng đầu tiên của bạn.</p></div></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("Đôi giày làm từ len Merino") && d.text.contains("Đế giày làm từ mía"))
        #expect(!d.text.contains("Điều khoản") && !d.text.contains("Đăng ký nhận tin"))
        // Every visible text is still there in `all` mode.
        let all = try Support.process(htmlDocument(Array(html.utf8)), textPipeline)
        #expect(all.text.contains("Điều khoản") && all.text.contains("Đăng ký nhận tin"))
    }

    /// A figure is a picture and its caption, left out together; a figure that holds a
    /// quotation (or a code listing, a table) is text, and only its caption goes.
    @Test func aQuotationInAFigureIsTextAPictureIsNot() throws {
        let html = "<html><body><article><h1>Ý kiến học viên</h1>"
            + "<p>Lớp yoga buổi sáng mở cửa từ tháng ba, mỗi lớp mười lăm người, có giáo viên hướng dẫn riêng.</p>"
            + "<figure><img src='lop.jpg'><figcaption>Ảnh: lớp học buổi sáng</figcaption></figure>"
            + "<figure><blockquote>Tôi đã học ở đây hai năm, giáo viên tận tâm và lớp học luôn vui vẻ, thoải mái.</blockquote>"
            + "<figcaption>— Chị Lan, Hà Nội</figcaption></figure>"
            + "<p>Học phí được giảm một nửa cho học viên đăng ký trước ngày mười lăm hằng tháng.</p></article></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("Tôi đã học ở đây hai năm") && d.text.contains("Học phí được giảm"))
        #expect(!d.text.contains("Ảnh: lớp học") && !d.text.contains("Chị Lan"))
    }

    /// An accordion's answers and a tab's panels are hidden until a click (by `hidden`,
    /// `aria-hidden`, a style or a `hidden` class): they are the page's content. Other hidden
    /// blocks stay out.
    @Test func foldedPanelsAreContentOtherHiddenBlocksAreNot() throws {
        let html = "<html><body><main><h1>Câu hỏi thường gặp</h1>"
            + "<p>Những câu hỏi khách hàng hay gửi về dịch vụ bảo hiểm xe công nghệ, được trả lời ngắn gọn dưới đây.</p>"
            + "<dl><dt>Tôi có cần bảo hiểm riêng không?</dt>"
            + "<dd class='cmp-accordion__panel cmp-accordion__panel--hidden'><p>Có, theo luật bạn phải duy trì bảo hiểm ô tô cá nhân ở mức tối thiểu bắt buộc.</p></dd>"
            + "<dt>Khi nào bảo hiểm của hãng có hiệu lực?</dt>"
            + "<dd role='tabpanel' hidden><p>Từ lúc bạn nhận chuyến cho đến khi hành khách xuống xe, bảo hiểm của hãng chi trả.</p></dd></dl>"
            + "<div hidden><p>Phiên làm việc đã hết hạn, vui lòng nhập lại địa chỉ của bạn để tiếp tục.</p></div>"
            + "<div class='hidden'><p>Rất tiếc, chúng tôi không xác minh được địa chỉ dịch vụ của bạn lúc này.</p></div></main></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("theo luật bạn phải duy trì bảo hiểm") && d.text.contains("Từ lúc bạn nhận chuyến"))
        #expect(!d.text.contains("Phiên làm việc đã hết hạn") && !d.text.contains("không xác minh được"))
    }

    /// A page footer is furniture even when its fine print (financing terms, test conditions)
    /// is most of the page's text; other furniture that holds most of it stays.
    @Test func aFooterOfFinePrintIsNotTheContent() throws {
        let fine = (1...12).map { "<li>\($0). Thử nghiệm do hãng thực hiện vào tháng chín, với máy mẫu, cấu hình cao nhất, độ sáng một nửa, kết quả có thể khác nhau.</li>" }.joined()
        let html = "<html><body><main><h1>Máy tính bảng mới</h1>"
            + "<p>Chip mới nhanh hơn, màn hình sáng hơn và pin dùng cả ngày, cho mọi việc từ vẽ, dựng phim đến học tập.</p>"
            + "<p>Bàn phím rời gõ êm, bút cảm ứng chính xác, thân máy mỏng nhẹ, mang theo dễ dàng mỗi ngày.</p></main>"
            + "<footer><section aria-label='Chú thích'><ul>\(fine)</ul></section></footer></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("Chip mới nhanh hơn") && d.text.contains("Bàn phím rời"))
        #expect(!d.text.contains("Thử nghiệm do hãng"))
    }

    /// An article body split around a figure and an advertisement into blocks of one class
    /// that are not siblings is read whole; a copy of it elsewhere on the page (another layout,
    /// a rail that embeds it) is not read twice.
    @Test func anArticleSplitIntoBlocksOfOneKindIsReadWholeAndOnce() throws {
        let first = "<div class='post__content'><p>Các nhà miễn dịch học tìm thấy tế bào có thụ thể vị giác trong phổi chuột bị cúm, điều chưa ai ngờ tới.</p>"
            + "<p>Tế bào này giống tế bào búi thường thấy ở ruột, với chùm lông trên đỉnh và thân hình quả lê, theo nhóm nghiên cứu.</p>"
            + "<p>Ông Herbert không phải người duy nhất bối rối trước nhóm tế bào bí ẩn, ít được nghiên cứu, xuất hiện ở những nơi bất ngờ.</p>"
            + "<p>Các nhà khoa học khắp thế giới đang lần theo nguồn gốc tiến hóa của thụ thể khứu giác và vị giác, gọi chung là thụ thể hóa học.</p>"
            + "<p>Hệ thống này, theo một nhà miễn dịch học ở San Francisco, giúp điều phối phản ứng của cơ thể trước mầm bệnh tiềm tàng.</p></div>"
        let second = "<div class='post__content'><p>Nhóm nghiên cứu chưa rõ tế bào làm gì trong phổi, nhưng cho rằng chúng cảm nhận được các chất chuyển hóa.</p>"
            + "<p>Những phát hiện mới cho thấy thụ thể hóa học có vai trò trong hệ miễn dịch và hệ thần kinh, không chỉ vị giác.</p>"
            + "<p>Một nghiên cứu sơ bộ trên chuột cống gợi ý rằng chức năng miễn dịch của các thụ thể này có thể đã xuất hiện trước.</p></div>"
        let html = "<html><body><article><section>\(first)</section>"
            + "<section><figure><img src='te-bao.jpg'><figcaption>Ảnh tế bào</figcaption></figure><div class='ad'>Quảng cáo</div></section>"
            + "<section>\(second)</section></article>"
            + "<div class='layout-b'>\(second)</div></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.contains("trong phổi chuột bị cúm") && d.text.contains("không chỉ vị giác"), "\(d.text)")
        #expect(d.text.components(separatedBy: "không chỉ vị giác").count == 2, "\(d.text)")
    }

    @Test func aPageWithNoTextSaysSo() throws {
        let html = "<html><body><div id='app'></div><script>render()</script></body></html>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), articlePipeline)
        #expect(d.text.isEmpty && d.errors.contains { $0.stage == "html" && $0.message.contains("no visible text") })
    }

    @Test func datesAreNormalizedToISO8601() {
        #expect(DateNormalizer.iso8601("2025-02-09 20:15:00+0700") == "2025-02-09T20:15:00+07:00")
        #expect(DateNormalizer.iso8601("Sun, 09 Feb 2025 10:00:00 GMT") == "2025-02-09T10:00:00Z")
        #expect(DateNormalizer.iso8601("2025-02-09") == "2025-02-09")
        #expect(DateNormalizer.iso8601("hôm qua") == nil)
    }

    @Test func decodesEntitiesForVietnameseLetters() throws {
        let html = "<p>Vi&#7879;t Nam &#x110;&agrave; N&#7861;ng &ecirc;</p>"
        let d = try Support.process(htmlDocument(Array(html.utf8)), textPipeline)
        #expect(d.text == "Việt Nam Đà Nẵng ê")
    }

    @Test func readsACharsetDeclaredLateInTheHead() throws {
        // windows-1258 bytes, declared after 20 KB of script: "Việt" is V i ê + combining dot below.
        var bytes = Array("<html><head><title>x</title><script>".utf8)
        bytes += Array(String(repeating: "/* padding */ ", count: 1_500).utf8)
        bytes += Array("</script><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body><p>Vi".utf8)
        bytes += [0xEA, 0xF2]
        bytes += Array("t Nam, H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i</p></body></html>".utf8)
        #expect(bytes.count > 18_000)
        let d = try Support.process(htmlDocument(bytes), textPipeline)
        #expect(d.text == "Việt Nam, Hà Nội")
        #expect(d.metadata["charset"] == "windows-1258")
    }

    /// The declaration is found in any letter case, lower-cased, and a `charset` that is not
    /// followed by `=` is passed over.
    @Test(arguments: [
        ("<META CHARSET=\"UTF-8\">", "utf-8"),
        ("<meta name='x' content='no Charset here'><meta charset = 'Windows-1258'>", "windows-1258"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; CHARSET=ISO-8859-1\">", "iso-8859-1"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>", "iso-8859-1"),
        ("<meta charset=\"utf-16\">", "utf-8"),
        ("<p>nothing declared</p>", nil),
    ] as [(String, String?)])
    func findsTheDeclaredCharset(head: String, expected: String?) {
        #expect(MarkupCharset.declared(in: Array(head.utf8)) == expected)
    }

    @Test func guessesWhenUndeclaredAndNotUTF8() throws {
        let bytes = Array("<html><body><p>Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9] + Array("e et d".utf8) + [0xE9] + Array("j".utf8) + [0xE0] + Array(" servie, s'il vous pla".utf8) + [0xEE] + Array("t, tr".utf8) + [0xE8] + Array("s appr".utf8) + [0xE9] + Array("ci".utf8) + [0xE9] + Array("e.</p></body></html>".utf8)
        let d = try Support.process(htmlDocument(bytes), textPipeline)
        #expect(d.text.hasPrefix("Café crème brûlée"))
        #expect(d.metadata["charsetMethod"] == "detected")
    }

    @Test func plainTextPassesThrough() throws {
        let d = try Support.process(Document(id: "t", text: "Giữ nguyên <b>"), textPipeline)
        #expect(d.text == "Giữ nguyên <b>")
        #expect(d.layers.layer(.paragraphs) == nil)
    }

    @Test func xmlGetsItsTextWithoutLoadingEntities() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
            <r><title>Tiêu đề</title><body>Nội dung &ext;</body></r>
            """
        let d = try Support.process(htmlDocument(Array(xml.utf8), id: "f.xml", format: .xml), textPipeline)
        #expect(d.text.contains("Tiêu đề"))
        #expect(!d.text.contains("root:"))
    }

    @Test func oversizedSourceFailsWithAClearError() throws {
        let p = try Support.pipeline(#"{"name": "t", "stages": [{"use": "html", "with": {"maxBytes": 10}}]}"#)
        var d = htmlDocument(Array("<p>more than ten bytes</p>".utf8))
        do {
            try p.process(&d)
            Issue.record("expected an error")
        } catch {
            #expect(error.stage == "html")
            #expect(error.reason.contains("more than maxBytes (10)"))
        }
    }

    @Test func markupWithoutAnIngestionStageFailsClearly() throws {
        let p = try Support.pipeline(#"{"name": "t", "stages": [{"use": "tokens"}]}"#)
        var d = htmlDocument(Array("<p>x</p>".utf8))
        #expect(throws: StageError.self) { try p.process(&d) }
    }
}

@Suite("html stage: offsets into the source")
struct SourceOffsetTests {
    /// Every word of the extracted (and normalized) text maps back to the characters of the
    /// decoded page it came from, entities and all.
    @Test(arguments: ["article", "all"])
    func everyWordMapsBackToTheMarkup(mode: String) throws {
        let html = "<html><head><title>T</title></head><body>\r\n<nav><a href='/'>Trang chủ</a></nav>\r\n<article>"
            + "<p>Vi&#7879;t Nam &amp; th&#x1EE7;y &#273;i&#7879;n, Hoa\u{0300} Bình.</p>\r\n"
            + "<p>Giá 112,6 tỷ&nbsp;USD<br>hôm 9/2 &ndash; ông nói: &ldquo;tốt&rdquo;.</p>"
            + "<p>Thanh Hoá có nhiều thủy điện và một trung tâm dữ liệu AI mới, theo báo cáo.</p></article></body></html>"
        let d = try Support.process(
            Document(id: "p.html", source: Source(uri: "p.html", format: .html, size: html.utf8.count, raw: Array(html.utf8))),
            #"{"name": "t", "stages": [{"use": "html", "with": {"mode": "\#(mode)"}}, {"use": "normalize"}, {"use": "tokens"}]}"#)
        let source = TextView(html)
        #expect(d.text.contains("Việt Nam & thủy điện, Hòa Bình."))
        func decodeEntities(_ s: String) -> String {
            var out = s
            for (e, v) in [("&#7879;", "ệ"), ("&amp;", "&"), ("&#x1EE7;", "ủ"), ("&#273;", "đ"), ("&nbsp;", " "), ("&ndash;", "–"), ("&ldquo;", "“"), ("&rdquo;", "”")] {
                out = out.replacingOccurrences(of: e, with: v)
            }
            return try! ICU.normalize(out, .nfc)
        }
        for token in d.layers[.tokens] {
            let word = d.text(in: token.range)
            let range = try #require(d.sourceRange(token.range), "\(word)")
            let raw = source.string(range)
            // Tone placement rewrote "Hoà" as "Hòa": compare without it.
            let expected = try TextNormalizer.normalize(decodeEntities(raw)).text
            #expect(expected == word, "\(word) ← \(raw.debugDescription)")
        }
        let viet = try #require(d.layers[.tokens].first { d.text(in: $0.range) == "Việt" })
        #expect(source.string(try #require(d.sourceRange(viet.range))) == "Vi&#7879;t")
    }

    /// Stray end tags the parser drops inside a text (`</p>` in a list item, `</br>`) do not
    /// keep the text from mapping back: each character maps to itself.
    @Test func textAcrossDroppedTagsMapsBack() throws {
        let html = "<html><body><article><h2>Video Basics &amp; Creation </br>for Beginners</h2>"
            + "<ul><li>Carafe: Glass</li><li>Capacity: 10 cups</p>\n</li></ul>"
            + "<p>Máy pha cà phê giữ ấm trong hai giờ, theo nhà sản xuất, và tự tắt khi cạn nước.</p></article></body></html>"
        let d = try Support.process(
            Document(id: "p.html", source: Source(uri: "p.html", format: .html, size: html.utf8.count, raw: Array(html.utf8))),
            #"{"name": "t", "stages": [{"use": "html", "with": {"mode": "all"}}, {"use": "tokens"}]}"#)
        let source = TextView(html)
        #expect(d.text.contains("Capacity: 10 cups"))
        for token in d.layers[.tokens] {
            let word = d.text(in: token.range)
            let range = try #require(d.sourceRange(token.range), "\(word)")
            #expect(source.string(range) == (word == "&" ? "&amp;" : word))
        }
    }

    /// Text after a long stretch of markup that holds none (an inline SVG of 300,000
    /// characters here; real pages have styles and icon sprites as long) still maps back:
    /// the aligner once looked only 262,144 characters ahead and lost every node after it.
    @Test(arguments: ["article", "all"])
    func textAfterLongMarkupMapsBack(mode: String) throws {
        let svg = "<svg width='10' height='10'>" + String(repeating: "<path d='M0 0L10 10Z' fill='#123456'/>", count: 8_000) + "</svg>"
        let html = "<html><body><nav><a href='/'>Trang chủ</a></nav>" + svg
            + "<article><p>Giá vàng hôm nay tăng mạnh, theo báo cáo của ngân hàng Nhà nước.</p>"
            + "<p>Ông Nguyễn Văn An nói: thị trường sẽ ổn định trong tuần tới.</p></article></body></html>"
        let d = try Support.process(
            Document(id: "p.html", source: Source(uri: "p.html", format: .html, size: html.utf8.count, raw: Array(html.utf8))),
            #"{"name": "t", "stages": [{"use": "html", "with": {"mode": "\#(mode)"}}, {"use": "tokens"}]}"#)
        let source = TextView(html)
        let tokens = d.layers[.tokens]
        #expect(tokens.count > 20)
        for token in tokens {
            let word = d.text(in: token.range)
            let range = try #require(d.sourceRange(token.range), "\(word)")
            #expect(range.lowerBound > 300_000 || word == "Trang" || word == "chủ")
            #expect(source.string(range) == word)
        }
    }
}
