// The papers of a meeting in the browser: the document model (hooks/topiclib/document.py) rendered as HTML and
// as a Word file, with what the user typed put in its fields. A port of the build-time renderers:
// fieldText/clockText of document.py, render/templates/document.html and render/docx.py `document_xml`.
// Tests compare both sides on the same models (tests/test_papers_parity.py). Classic script (it must run from
// file:// too); text only ever reaches the page through textContent, and the XML through xmlText().
(function () {
  "use strict";

  var BLANK = "\u2026";
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var QUARTERS = ["I", "II", "III", "IV"];
  // Characters XML 1.0 forbids (controls but tab and newline, U+FFFE/U+FFFF, lone surrogates).
  var FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function data() {
    return window.TLData || {};
  }

  function fields() {
    return data().fields || {};
  }

  function cleanText(value) {
    return String(value == null ? "" : value)
      .normalize("NFC")
      .replace(FORBIDDEN, function (match, before) {
        return before || "";
      });
  }

  function isoDate(value) {
    if (!ISO_DATE.test(value)) {
      return null;
    }
    var parts = value.split("-").map(function (part) {
      return parseInt(part, 10);
    });
    var year = parts[0];
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts[1] - 1];
    if (year < 1 || !days || parts[2] < 1 || parts[2] > days) {
      return null;
    }
    return parts;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function month(number) {
    return number <= 2 ? pad(number) : String(number);
  }

  function clock(value) {
    var match = /^(\d{1,2}):(\d{2})$/.exec(value);
    if (!match) {
      return null;
    }
    var hours = parseInt(match[1], 10);
    var minutes = parseInt(match[2], 10);
    return hours > 23 || minutes > 59 ? null : hours * 60 + minutes;
  }

  function fold(value) {
    var text = String(value == null ? "" : value).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD");
    return text.replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function startsWith(value, prefix) {
    return fold(value).indexOf(fold(prefix) + " ") === 0;
  }

  function dateText(parts, transform, pattern) {
    var written = parts
      ? { day: pad(parts[2]), month: month(parts[1]), year: String(parts[0]) }
      : { day: BLANK, month: BLANK, year: "20" + BLANK };
    if (transform === "short") {
      return written.day + "/" + written.month + "/" + written.year;
    }
    if (transform === "date") {
      return pattern.replace(/\{(day|month|year)\}/g, function (match, key) {
        return written[key];
      });
    }
    if (transform === "quarter") {
      return parts ? QUARTERS[Math.floor((parts[1] - 1) / 3)] : BLANK;
    }
    return written[transform];
  }

  // What a field inline prints: the typed value in its transform, or the blank for its width (document.py).
  function fieldText(inline, values, specs) {
    specs = specs || fields();
    var value = cleanText((values || {})[inline.field] || "").trim();
    var transform = inline.as || "plain";
    var spec = specs[inline.field] || {};
    if (["day", "month", "year", "date", "short", "quarter"].indexOf(transform) >= 0) {
      return dateText(isoDate(value), transform, spec.format || "{day}/{month}/{year}");
    }
    if (transform === "hour" || transform === "minute") {
      var minutes = clock(value);
      if (minutes === null) {
        return BLANK;
      }
      return transform === "hour" ? pad(Math.floor(minutes / 60)) : pad(minutes % 60);
    }
    var prefix = spec.prefix || "";
    if (!value) {
      value = (prefix ? prefix + " " : "") + new Array((spec.blank === undefined ? 3 : spec.blank) + 1).join(BLANK);
    } else if ((transform === "cell" || transform === "issuer") && prefix && !startsWith(value, prefix)) {
      value = prefix + " " + value;
    }
    return transform === "upper" || transform === "issuer" ? value.toUpperCase() : value;
  }

  function clockText(offset, values, start) {
    var begin = clock(cleanText((values || {}).gio || "").trim());
    if (begin === null) {
      begin = clock(start) || 0;
    }
    var total = (((begin + offset) % 1440) + 1440) % 1440;
    return pad(Math.floor(total / 60)) + ":" + pad(total % 60);
  }

  function inlineText(inline, values, specs, start) {
    if (inline.field !== undefined) {
      return fieldText(inline, values, specs);
    }
    if (inline.clock !== undefined) {
      return clockText(inline.clock, values, start);
    }
    return inline.text;
  }

  // ---- HTML (the same elements as render/templates/document.html) ----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function appendInlines(parent, inlines, values, start) {
    inlines.forEach(function (inline) {
      if (inline["break"]) {
        parent.appendChild(el("br"));
        return;
      }
      if (inline.field !== undefined) {
        var field = el("span", "tl-field", fieldText(inline, values));
        field.setAttribute("data-field", inline.field);
        if (inline.as !== undefined) {
          field.setAttribute("data-as", inline.as);
        }
        parent.appendChild(field);
        return;
      }
      if (inline.clock !== undefined) {
        var time = el("span", "tl-clock", clockText(inline.clock, values, start));
        time.setAttribute("data-clock", String(inline.clock));
        parent.appendChild(time);
        return;
      }
      var body;
      if (inline.href !== undefined) {
        body = el("a", "", inline.text);
        body.removeAttribute("class");
        body.setAttribute("href", inline.href);
      } else {
        body = document.createTextNode(inline.text);
      }
      var wrapper = null;
      if (inline.bold && inline.italic) {
        wrapper = el("strong");
        wrapper.appendChild(el("em")).appendChild(body);
      } else if (inline.bold) {
        wrapper = el("strong");
        wrapper.appendChild(body);
      } else if (inline.italic) {
        wrapper = el("em");
        wrapper.appendChild(body);
      }
      parent.appendChild(wrapper || body);
    });
    return parent;
  }

  function appendLines(parent, lines, values, start) {
    lines.forEach(function (line, index) {
      if (index) {
        parent.appendChild(el("br"));
      }
      appendInlines(parent, line, values, start);
    });
    return parent;
  }

  function renderHTML(doc, values) {
    values = values || {};
    var start = doc.start;
    var root = el("div", doc.compact ? "tl-doc tl-doc--compact" : "tl-doc");
    root.setAttribute("data-doc", doc.id);
    var header = el("table", "tl-doc__header");
    header.setAttribute("role", "presentation");
    var row = header.appendChild(el("tbody")).appendChild(el("tr"));
    var left = row.appendChild(el("td"));
    appendInlines(left.appendChild(el("div", "tl-doc__higher")), doc.header.higher, values, start);
    appendInlines(left.appendChild(el("div", "tl-doc__issuer")), doc.header.issuer, values, start);
    left.appendChild(el("div", "tl-doc__star", "*"));
    if (doc.header.number) {
      appendInlines(left.appendChild(el("div", "tl-doc__number")), doc.header.number, values, start);
    }
    var right = row.appendChild(el("td"));
    right.appendChild(el("div", "tl-doc__party", doc.header.party));
    appendInlines(right.appendChild(el("div", "tl-doc__date")), doc.header.place_date, values, start);
    root.appendChild(header);
    if (doc.doc_type) {
      root.appendChild(el("p", "tl-doc__type", doc.doc_type));
    }
    var summaryClass = doc.doc_type ? "tl-doc__summary" : "tl-doc__summary tl-doc__summary--title";
    appendInlines(root.appendChild(el("p", summaryClass)), doc.summary, values, start);
    root.appendChild(el("p", "tl-doc__dash", "-----"));
    doc.blocks.forEach(function (block) {
      root.appendChild(blockHTML(block, values, start));
    });
    var signature = el("table", "tl-doc__signature");
    signature.setAttribute("role", "presentation");
    var cells = signature.appendChild(el("tbody")).appendChild(el("tr"));
    appendLines(cells.appendChild(el("td", "tl-doc__signature-left")), doc.signature.left, values, start);
    appendLines(cells.appendChild(el("td", "tl-doc__signature-right")), doc.signature.right, values, start);
    root.appendChild(signature);
    return root;
  }

  function blockHTML(block, values, start) {
    if (block.kind === "heading") {
      return appendInlines(el("p", "tl-doc__heading tl-doc__heading--" + block.level), block.text, values, start);
    }
    if (block.kind === "paragraph") {
      return appendInlines(el("p"), block.text, values, start);
    }
    if (block.kind === "list") {
      var list = block.style === "number" ? el("ol", "tl-doc__list") : el("ul", "tl-doc__list tl-doc__list--" + block.style);
      if (block.style === "number" && block.start !== 1) {
        list.setAttribute("start", String(block.start));
      }
      block.items.forEach(function (item) {
        appendInlines(list.appendChild(el("li")), item, values, start);
      });
      return list;
    }
    if (block.kind === "table") {
      // A stacked table's cells carry their column's name, shown when a narrow screen makes each row a block.
      var stacked = Boolean(block.stacked && block.columns.length);
      var table = el("table", stacked ? "tl-doc__table tl-doc__table--stacked" : "tl-doc__table");
      var group = table.appendChild(el("colgroup"));
      block.widths.forEach(function (width) {
        group.appendChild(el("col")).setAttribute("style", "width: " + width + "%");
      });
      if (block.columns.length) {
        var head = table.appendChild(el("thead")).appendChild(el("tr"));
        block.columns.forEach(function (column) {
          head.appendChild(el("th", "", column)).removeAttribute("class");
        });
      }
      var body = table.appendChild(el("tbody"));
      shownRows(block, values).forEach(function (cells) {
        var tr = body.appendChild(el("tr"));
        cells.forEach(function (cell, index) {
          var td = appendInlines(tr.appendChild(el("td")), cell, values, start);
          if (stacked) {
            td.setAttribute("data-label", block.columns[index]);
          }
        });
      });
      if (block.foot) {
        var foot = table.appendChild(el("tfoot")).appendChild(el("tr"));
        var label = appendInlines(foot.appendChild(el("td")), block.foot.label, values, start);
        label.setAttribute("colspan", String(block.widths.length - 1));
        var value = appendInlines(foot.appendChild(el("td")), block.foot.value, values, start);
        if (stacked) {
          value.setAttribute("data-label", block.columns[block.columns.length - 1]);
        }
      }
      return table;
    }
    var lines = el("div", "tl-doc__lines");
    for (var i = 0; i < block.count; i += 1) {
      lines.appendChild(el("p", "tl-doc__line"));
    }
    return lines;
  }

  // ---- Word (the same XML as render/docx.py document_xml) ----

  function xmlText(value) {
    return cleanText(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function runProps(bold, italic, size) {
    var props = (bold ? "<w:b/><w:bCs/>" : "") + (italic ? "<w:i/><w:iCs/>" : "");
    if (size) {
      props += '<w:sz w:val="' + size + '"/><w:szCs w:val="' + size + '"/>';
    }
    return props ? "<w:rPr>" + props + "</w:rPr>" : "";
  }

  function table(columns, rows, borders, header, foot) {
    var edge = borders ? 'w:val="single" w:sz="4" w:space="0" w:color="000000"' : 'w:val="nil"';
    var borderXml = ["top", "left", "bottom", "right", "insideH", "insideV"]
      .map(function (side) {
        return "<w:" + side + " " + edge + "/>";
      })
      .join("");
    var total = columns.reduce(function (sum, width) {
      return sum + width;
    }, 0);
    var grid = columns
      .map(function (width) {
        return '<w:gridCol w:w="' + width + '"/>';
      })
      .join("");
    var out = [
      '<w:tbl><w:tblPr><w:tblW w:w="' + total + '" w:type="dxa"/><w:jc w:val="center"/>' +
        "<w:tblBorders>" + borderXml + "</w:tblBorders>" +
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>' + grid + "</w:tblGrid>",
    ];
    rows.forEach(function (row, index) {
      var rowProps = header && index === 0 ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>";
      var spansFoot = foot && index === rows.length - 1 && row.length < columns.length;
      var cells = row.map(function (content, position) {
        var cellProps;
        if (spansFoot && position === 0) {
          var span = columns.length - 1;
          var spanned = columns.slice(0, span).reduce(function (sum, width) {
            return sum + width;
          }, 0);
          cellProps = '<w:tcW w:w="' + spanned + '" w:type="dxa"/><w:gridSpan w:val="' + span + '"/>';
        } else {
          cellProps = '<w:tcW w:w="' + (spansFoot ? columns[columns.length - 1] : columns[position]) + '" w:type="dxa"/>';
        }
        return "<w:tc><w:tcPr>" + cellProps + "</w:tcPr>" + content + "</w:tc>";
      });
      out.push("<w:tr>" + rowProps + cells.join("") + "</w:tr>");
    });
    out.push("</w:tbl>");
    return out.join("");
  }

  // A table's rows as lists of cells, leaving out a `when` row whose field holds nothing (render/docx.py).
  function shownRows(block, values) {
    var rows = [];
    block.rows.forEach(function (row) {
      if (Array.isArray(row)) {
        rows.push(row);
      } else if (cleanText((values || {})[row.when] || "").trim()) {
        rows.push(row.cells);
      }
    });
    return rows;
  }

  function plainEnd(inlines) {
    var last = inlines.length ? inlines[inlines.length - 1] : {};
    return last.text !== undefined ? last.text.slice(-1) : "";
  }

  function documentXml(doc, values, specs, layout) {
    values = values || {};
    specs = specs || fields();
    layout = layout || data().kit.layout;
    var sizes = layout.sizes;
    var p = layout.paragraphs;
    var start = doc.start;

    function runs(inlines, size, bold, italic) {
      return inlines
        .map(function (inline) {
          if (inline["break"]) {
            return "<w:r><w:br/></w:r>";
          }
          var props = runProps(bold || Boolean(inline.bold), italic || Boolean(inline.italic), size || 0);
          var content = xmlText(inlineText(inline, values, specs, start));
          var run = "<w:r>" + props + '<w:t xml:space="preserve">' + content + "</w:t></w:r>";
          if (inline.href) {
            var instruction = xmlText(' HYPERLINK "' + inline.href + '" ');
            run = '<w:fldSimple w:instr="' + instruction + '">' + run + "</w:fldSimple>";
          }
          return run;
        })
        .join("");
    }

    function paragraph(content, props) {
      return "<w:p>" + (props ? "<w:pPr>" + props + "</w:pPr>" : "") + content + "</w:p>";
    }

    var width = layout.width;
    var body = [];
    var header = doc.header;
    var left = [
      paragraph(runs(header.higher, sizes.higher_body), p.center_tight),
      paragraph(runs(header.issuer, sizes.issuer, true), p.center_tight),
      paragraph(runs([{ text: "*" }], sizes.issuer), p.center_tight),
    ];
    if (header.number) {
      left.push(paragraph(runs(header.number, sizes.number), p.center_tight));
    }
    var right = [
      paragraph(runs([{ text: header.party }], sizes.party_name, true), p.party),
      paragraph(runs(header.place_date, sizes.place_date, false, true), p.place_date),
    ];
    var share = pyRound(width * 0.42);
    body.push(table([share, width - share], [[left.join(""), right.join("")]], false));
    if (doc.doc_type) {
      body.push(paragraph(runs([{ text: doc.doc_type }], sizes.doc_type, true), p.doc_type));
      body.push(paragraph(runs(doc.summary, sizes.summary, true), p.summary));
    } else {
      body.push(paragraph(runs(doc.summary, sizes.doc_type, true), p.doc_type));
    }
    body.push(paragraph(runs([{ text: "-----" }]), p.dash));
    var base = doc.compact ? sizes.compact : 0;
    var small = (base || sizes.body) - 2;
    doc.blocks.forEach(function (block) {
      if (block.kind === "heading") {
        body.push(paragraph(runs(block.text, base, true, block.level === 3), p.heading));
      } else if (block.kind === "paragraph") {
        body.push(paragraph(runs(block.text, base), p.paragraph));
      } else if (block.kind === "list") {
        block.items.forEach(function (item, index) {
          var mark = block.style === "bullet" ? "-" : block.style === "check" ? "\u2610" : block.start + index + ".";
          body.push(paragraph(runs([{ text: mark + "\t" }].concat(item), base), p.list_item));
        });
      } else if (block.kind === "lines") {
        for (var i = 0; i < block.count; i += 1) {
          body.push(paragraph("", p.ruled_line));
        }
      } else if (block.kind === "table") {
        var columns = block.widths.map(function (part) {
          return pyRound((width * part) / 100);
        });
        var rows = [];
        if (block.columns.length) {
          rows.push(
            block.columns.map(function (name) {
              return paragraph(runs([{ text: name }], small, true), p.cell);
            })
          );
        }
        shownRows(block, values).forEach(function (cells) {
          rows.push(
            cells.map(function (cell) {
              return paragraph(runs(cell, small), p.cell);
            })
          );
        });
        if (block.foot) {
          rows.push([paragraph(runs(block.foot.label, small, true), p.cell), paragraph(runs(block.foot.value, small, true), p.cell)]);
        }
        body.push(table(columns, rows, true, block.columns.length > 0, Boolean(block.foot)));
      }
    });
    var signature = doc.signature;
    var recipients = signature.left.length > 0 && plainEnd(signature.left[0]) === ":";
    var leftCell = signature.left.map(function (line, index) {
      if (recipients) {
        var size = index === 0 ? sizes.body - 2 : sizes.body - 3;
        return paragraph(runs(line, size, index === 0, index === 0), p.recipient);
      }
      return paragraph(runs(line, 0, index === 0), p.center_tight);
    });
    var rightCell = signature.right.map(function (line, index) {
      return paragraph(runs(line, 0, index < 2), p.center_tight);
    });
    if (!base) {
      body.push(paragraph("", p.gap));
    }
    var half = Math.floor(width / 2);
    body.push(table([half, width - half], [[leftCell.join("") || paragraph(""), rightCell.join("") || paragraph("")]], false));
    var margins = layout.margins;
    var section =
      '<w:sectPr><w:pgSz w:w="' + layout.page[0] + '" w:h="' + layout.page[1] + '"/><w:pgMar w:top="' + margins[0] +
      '" w:right="' + margins[1] + '" w:bottom="' + margins[2] + '" w:left="' + margins[3] +
      '" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>';
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + layout.namespaces + "><w:body>" +
      body.join("") + section + "</w:body></w:document>"
    );
  }

  // Python's round(): halves go to the even neighbour.
  function pyRound(value) {
    var floor = Math.floor(value);
    var rest = value - floor;
    if (Math.abs(rest - 0.5) < 1e-9) {
      return floor % 2 === 0 ? floor : floor + 1;
    }
    return Math.round(value);
  }

  var encoder = new TextEncoder();

  function docx(doc, values) {
    var kit = data().kit;
    var parts = {};
    Object.keys(kit.parts).forEach(function (name) {
      parts[name] = kit.parts[name];
    });
    parts["word/document.xml"] = documentXml(doc, values, fields(), kit.layout);
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace("{title}", xmlText(doc.title));
    var files = kit.layout.part_names.map(function (name) {
      return { name: name, data: encoder.encode(parts[name]) };
    });
    return zip(files);
  }

  // A .zip of {name, data} entries in the given order, with the fixed date of the build-time files.
  function zip(files) {
    var entries = {};
    files.forEach(function (file) {
      entries[file.name] = [file.data, { level: 6, mtime: new Date(2026, 0, 1) }];
    });
    return window.fflate.zipSync(entries);
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        script.remove();
        reject(new Error(url));
      };
      document.head.appendChild(script);
    });
  }

  window.TLPapers = {
    cleanText: cleanText,
    isDate: function (value) {
      return isoDate(String(value)) !== null;
    },
    fieldText: function (inline, values) {
      return fieldText(inline, values);
    },
    clockText: clockText,
    fold: fold,
    renderHTML: renderHTML,
    documentXml: documentXml,
    docx: docx,
    zip: zip,
    loadScript: loadScript,
  };
})();
