import CRMCore
import Vapor

/// The pipeline board: a column per stage. Cards can be dragged to another column (board.js), and each card
/// also carries a small form that moves it without JavaScript.
enum BoardPage {
    struct Model {
        let board: Board
        let pipelines: [PipelineAdmin.PipelineDTO]
        let owners: [UserRef]
        let ownerID: String?
        let returnPath: String
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        let stages = model.pipelines.first { $0.id == model.board.pipeline.id }?.stages ?? []
        return Layout.page("Pipeline", context, script: BoardScript.script.path) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(model.board.pipeline.name) }
                Node.a(.href(Site.forecast()), .class("button secondary")) { "Forecast" }
                Node.a(.href(Site.dealNew()), .class("button")) { "New deal" }
            }
            Node.form(.method("get"), .action(Site.board()), .class("filters")) {
                FormField.select("pipeline", label: "Pipeline", options: model.pipelines.map { ($0.id.uuidString, $0.name) },
                                 selected: model.board.pipeline.id.uuidString)
                FormField.select("owner", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                 selected: model.ownerID, includeEmpty: true)
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            Node.div(.class("board")) {
                for column in model.board.columns {
                    Node.section(.class("column \(column.stage.outcome)"), .data("stage-id", column.stage.id.uuidString),
                                 .data("outcome", column.stage.outcome)) {
                        Node.h2 {
                            .text(column.stage.name)
                            if column.stage.outcome == "open" { Node.small(.class("muted")) { .text(" \(column.defaultProbability) %") } }
                        }
                        Node.p(.class("muted totals")) {
                            .text(column.totals.isEmpty ? "No deals" : column.totals.map {
                                "\($0.count) · \(MinorUnits.display($0.amountMinor, currency: $0.currency))"
                            }.joined(separator: "; "))
                        }
                        for card in column.cards { cardNode(card, in: column.stage.id, stages: stages, returnPath: model.returnPath, context) }
                        if column.hasMore {
                            Node.a(.href(Site.deals() + "?pipeline=\(model.board.pipeline.id)&stage=\(column.stage.id)"), .class("more")) { "All deals in this stage →" }
                        }
                    }
                }
            }
        }
    }

    private static func cardNode(_ card: Board.Card, in stageID: UUID, stages: [PipelineAdmin.StageDTO], returnPath: String,
                                 _ context: PageContext) -> Node {
        .el("article", [.class(card.isStale ? "deal stale" : "deal"), Attribute("draggable", "true"), .data("deal-id", card.id.uuidString)]) {
            Node.a(.href(Site.deal(card.id)), .class("deal-name")) { .text(card.name) }
            if card.isStale { Node.span(.class("tag warn"), .title("Past its close date or untouched for too long")) { "Stale" } }
            Node.div(.class("muted")) { .text(card.account.name) }
            Node.div { Node.strong { .text(MinorUnits.display(card.amountMinor, currency: card.currency)) } }
            Node.div(.class("muted")) { .text("Closes \(card.expectedClose) · \(card.owner?.name ?? "—")") }
            Node.form(.method("post"), .action(Site.dealMove(card.id)), .class("move")) {
                context.csrfField
                Node.input(.type("hidden"), .name("returnTo"), .value(returnPath))
                Node.input(.type("hidden"), .name("closeReason"), .value(""))
                Node.select(.name("stageId"), .aria("label", "Move \(card.name) to stage")) {
                    for stage in stages {
                        Node.option(.value(stage.id.uuidString), .data("outcome", stage.outcome), .when(stage.id == stageID, .selected)) { .text(stage.name) }
                    }
                }
                Node.button(.type("submit"), .class("secondary")) { "Move" }
            }
        }
    }
}

/// The board's drag and drop: dropping a card on a column fills in the card's own move form and submits it,
/// asking for a reason first when the column wins or loses the deal.
enum BoardScript {
    static let script = PageScript(name: "board", source: """
    document.addEventListener('DOMContentLoaded', function () {
      var dragged = null;
      document.querySelectorAll('article.deal').forEach(function (card) {
        card.addEventListener('dragstart', function (event) {
          dragged = card;
          event.dataTransfer.setData('text/plain', card.dataset.dealId);
          card.classList.add('dragging');
        });
        card.addEventListener('dragend', function () { card.classList.remove('dragging'); });
      });
      document.querySelectorAll('section.column').forEach(function (column) {
        column.addEventListener('dragover', function (event) { event.preventDefault(); column.classList.add('over'); });
        column.addEventListener('dragleave', function () { column.classList.remove('over'); });
        column.addEventListener('drop', function (event) {
          event.preventDefault();
          column.classList.remove('over');
          if (!dragged || dragged.parentElement === column) { return; }
          var form = dragged.querySelector('form.move');
          form.querySelector('select[name=stageId]').value = column.dataset.stageId;
          if (column.dataset.outcome !== 'open') {
            var reason = window.prompt('Why was this deal ' + column.dataset.outcome + '?');
            if (!reason) { return; }
            form.querySelector('input[name=closeReason]').value = reason;
          }
          form.submit();
        });
      });
    });
    """)
}
