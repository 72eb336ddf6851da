import Testing
@testable import Mekong

@Suite("attribute names libxml2 cannot read")
struct AttributeNameRepairTests {
    func repaired(_ html: String) -> (String, Int) {
        var bytes = Array(html.utf8)
        let count = AttributeNameRepair.repair(&bytes)
        return (String(decoding: bytes, as: UTF8.self), count)
    }

    @Test func namesAreRewrittenByteForByte() {
        let (out, count) = repaired("<a @click.prevent=\"f('>')\" (keyup)=g [x]=\"1\" *ngIf=y #slot v-on:click=z :class=c data-é=1 href=/p>x @y=1 (z)</a>")
        #expect(out == "<a _click.prevent=\"f('>')\" _keyup_=g _x_=\"1\" _ngIf=y _slot v-on:click=z :class=c data-__=1 href=/p>x @y=1 (z)</a>")
        #expect(count == 6)
    }

    @Test func textCommentsScriptsAndStylesAreLeftAlone() {
        for html in [
            "<p>a @b=c (d) [e]</p>",
            "<!-- <a @click=x> --><p>t</p>",
            "<script>if (a < b) { el.innerHTML = '<a @click=\"x\">'; }</script><p @x=1>t</p>",
            "<STYLE>a[b] > c { }</Style><p>t</p>",
            "<!DOCTYPE html><?xml version='1.0'?></p @x>",
            "<p title='a @b (c)'>t</p>",
            "<a href=x>",
            "<script>never closed <a @x=1>",
        ] {
            let (out, _) = repaired(html)
            #expect(out == html.replacingOccurrences(of: "<p @x=1>", with: "<p _x=1>"), "\(html)")
        }
    }
}
