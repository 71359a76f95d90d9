"""The Gradio chat: streamed cited answers, a sources panel, whole documents with spans marked."""

from __future__ import annotations

import ipaddress
import logging
import math
import threading
import uuid
from collections import OrderedDict
from typing import Any, Iterator

import gradio as gr
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from rag import Assistant, IndexUnavailable
from rag.types import Answer
from rag.conversation import Conversation
from ui.documents import DocumentsTab
from ui.render import answer_markdown, document_view, md, sources_markdown, sources_panel

log = logging.getLogger(__name__)

EXAMPLES = [
    "How many National Guard members were killed?",
    "Which cities had flights suspended?",
    "What did the State Department tell American travelers?",
    "What reward had the U.S. offered for El Mencho?",
    "Did the Pentagon say anything about the raid?",
]
CSS = """
.rag-sources mark, .rag-document mark { background: #ffe58a; color: inherit; padding: 0 1px; }
.rag-cite, .rag-related { border-left: 3px solid #6b8afd; padding: 4px 8px; margin: 8px 0; }
.rag-unsupported-cite { border-left-color: #d33; }
.rag-unsupported { color: #a11; margin: 6px 0; }
.rag-notice { font-size: 0.9em; opacity: 0.8; margin: 4px 0; }
.rag-cite-head { font-size: 0.9em; margin-bottom: 2px; }
.rag-doc-text { white-space: pre-wrap; max-height: 480px; overflow-y: auto; }
"""
# System fonts only: the default theme would fetch Google Fonts, and the app must work offline.
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])

History = list[dict[str, Any]]


class ChatApp:
    """One app over one index; each browser session keeps its own latest answer.

    Example::

            ChatApp(Assistant.open()).build().launch(server_name="127.0.0.1")
    """

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self._modes: dict[str, Assistant] = {assistant.config.answer_mode: assistant}
        self._api_conversations: OrderedDict[str, Conversation] = OrderedDict()
        self._api_lock = threading.Lock()

    def modes(self) -> list[str]:
        """Answer modes this deployment can offer."""
        return ["auto", "extractive", "llm"] if self.assistant.config.llm_configured else ["extractive"]

    def _assistant(self, mode: str | None) -> Assistant:
        if not mode or mode not in self.modes():
            return self.assistant
        if mode not in self._modes:
            self._modes[mode] = self.assistant.with_settings(answer_mode=mode)
        return self._modes[mode]

    # -- handlers ---------------------------------------------------------------------------

    def respond(self, message: str, history: History | None, top_k: float, mode: str,
                conversation: Conversation | None,
                ) -> Iterator[tuple[History, str, Answer | None, str, Any, Conversation | None]]:
        """Stream one answer into the chat, then show its sources.

        Each browser session has its own :class:`Conversation`, so follow-up questions are
        understood from that session's earlier turns.
        """
        history = list(history or [])
        if not (message or "").strip():
            gr.Warning("Type a question about the documents first.")
            yield history, gr.skip(), gr.skip(), message, gr.skip(), conversation
            return
        conversation = conversation or self._assistant(mode).conversation()
        if not conversation.lock.acquire(blocking=False):  # Enter, then a click on Ask
            gr.Warning("Still answering the previous question.")
            yield history, gr.skip(), gr.skip(), message, gr.skip(), conversation
            return
        try:
            yield from self._turn(message, history, top_k, mode, conversation)
        finally:
            conversation.lock.release()

    def _turn(self, message: str, history: History, top_k: float, mode: str,
              conversation: Conversation) -> Iterator[tuple[Any, ...]]:
        history += [{"role": "user", "content": md(message)}, {"role": "assistant", "content": ""}]
        streamed = ""
        yield history, gr.skip(), gr.skip(), "", gr.skip(), conversation
        try:
            # the mode may change between turns
            for item in conversation.ask_stream(message, int(top_k), self._assistant(mode)):
                if isinstance(item, str):  # unchecked text: shown escaped, replaced when checked
                    streamed += item
                    history[-1] = {"role": "assistant", "content": md(streamed)}
                    yield history, gr.skip(), gr.skip(), "", gr.skip(), conversation
                else:
                    yield (*self._finish(history, item), conversation)
        except (ValueError, IndexUnavailable) as exc:  # a bad question; a Chroma server down
            history[-1] = {"role": "assistant", "content": f"⚠️ {md(str(exc))}"}
            yield history, gr.skip(), gr.skip(), "", gr.skip(), conversation

    def _finish(self, history: History, answer: Answer) -> tuple[History, str, Answer, str, Any]:
        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        if answer.reworded:
            history[-1]["content"] += f"\n\n*Understood as: {md(answer.understood or answer.query)}*"
        history.append({"role": "assistant", "content": sources_markdown(answer),
                        "metadata": {"title": f"Sources ({len(answer.citations)})", "status": "done"}})
        choices = [_choice(c.number, c.title) for c in answer.citations]
        picker = gr.update(choices=choices, value=None, interactive=bool(choices))
        return history, sources_panel(answer), answer, "", picker

    def open_source(self, choice: str | None, answer: Answer | None) -> str:
        """The whole document behind a citation, with every span the answer cites in it marked."""
        if not choice or answer is None:
            return ""
        number = int(choice.split("]", 1)[0].lstrip("["))
        cited = next((c for c in answer.citations if c.number == number), None)
        if cited is None:
            return ""
        spans = [(c.quote_start, c.quote_end) for c in answer.citations if c.doc_id == cited.doc_id]
        try:
            text = self.assistant.document_text(cited.doc_id, cited.version)
        except KeyError:  # removed or replaced by an ingest since this answer
            return md("This document was changed or removed since the answer was given: ask again.")
        return document_view(cited.title, text, spans)

    def chat_api(self, question: str, top_k: int = 0, mode: str = "",
                 conversation_id: str = "") -> dict[str, Any]:
        """The stable ``/chat`` endpoint: the answer and its sources as JSON.

        ``top_k`` 0 and ``mode`` "" keep the configured values. Pass back the returned
        ``conversation_id`` to ask a follow-up in the same conversation ("" starts one).
        A bad argument is answered with one line (and no traceback in the server's log).
        """
        top_k, mode = self._api_arguments(question, top_k, mode, conversation_id)
        conversation_id, conversation = self._api_conversation(conversation_id, mode)
        with conversation.lock:  # one turn at a time per conversation
            try:
                answer = conversation.ask(question, top_k or None, self._assistant(mode))
            except (ValueError, IndexUnavailable) as exc:  # the message reaches the API client
                raise _user_error(str(exc)) from None
        data = answer.to_dict()
        keys = ("question", "query", "understood", "text", "refused", "mode", "citations", "claims",
                "unsupported", "notices", "timings")
        return {key: data[key] for key in keys} | {
            "sources": [p.to_dict() for p in answer.related] if answer.refused else [],
            "conversation_id": conversation_id}

    def _api_arguments(self, question: Any, top_k: Any, mode: Any, conversation_id: Any) -> tuple[int, str]:
        """``/chat``'s arguments checked: (top_k, mode), or a one-line error."""
        if not isinstance(question, str):
            raise _user_error(f"question must be a string, not {type(question).__name__}")
        if not isinstance(conversation_id, str):
            raise _user_error(f"conversation_id must be a string, not {type(conversation_id).__name__}")
        if top_k is None:
            top_k = 0
        if isinstance(top_k, bool) or not isinstance(top_k, (int, float)) or not math.isfinite(top_k) \
                or top_k != int(top_k) or not 0 <= top_k <= self.assistant.config.ui_max_top_k:
            raise _user_error(f"top_k must be a whole number from 1 to {self.assistant.config.ui_max_top_k} "
                              "(0 or null: the default)")
        mode = mode or ""
        if not isinstance(mode, str) or (mode and mode not in self.modes()):
            offered = ", ".join(self.modes())
            why = " (no model is configured)" if mode in ("llm", "auto") else ""
            raise _user_error(f"mode {mode!r} is not offered here{why}: use one of {offered}, or \"\"")
        return int(top_k), mode

    def _api_conversation(self, conversation_id: str, mode: str) -> tuple[str, Conversation]:
        """The API conversation with this id (a new one for "" or an unknown or evicted id)."""
        with self._api_lock:
            conversation = self._api_conversations.pop(conversation_id, None) if conversation_id else None
            if conversation is None:
                conversation_id = uuid.uuid4().hex
                conversation = self._assistant(mode).conversation()
            self._api_conversations[conversation_id] = conversation  # most recently used last
            while len(self._api_conversations) > self.assistant.config.ui_max_conversations:
                self._api_conversations.popitem(last=False)
            return conversation_id, conversation

    # -- layout ---------------------------------------------------------------------------

    def build(self) -> gr.Blocks:
        """The page: a Chat tab (chat and settings on the left, sources and documents on the
        right) and a Documents tab (the indexed documents: add, remove)."""
        config = self.assistant.config
        with gr.Blocks(title="El Mencho operation: cited answers", analytics_enabled=False) as demo:
            gr.Markdown("## Questions about the February 2026 El Mencho operation\n"
                        f"<span id='rag-mode'>How answers are made: {self.assistant.describe()}. "
                        "Every sentence cites its source; unsupported sentences are marked.</span>")
            last = gr.State(None)
            session = gr.State(None)  # this browser session's Conversation
            with gr.Tabs(elem_id="rag-tabs"):
                with gr.Tab("Chat", id="chat", elem_id="rag-chat-tab"):
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=3, min_width=320):
                            chat = gr.Chatbot(elem_id="rag-chat", height=520, buttons=["copy"],
                                              feedback_options=None, placeholder="Ask about the operation "
                                              "in Jalisco and its aftermath.")
                            question = gr.Textbox(elem_id="rag-question", show_label=False, lines=1,
                                                  max_lines=4, placeholder="Ask a question and press Enter")
                            with gr.Row():
                                send = gr.Button("Ask", variant="primary", elem_id="rag-send")
                                stop = gr.Button("Stop", elem_id="rag-stop")
                                clear = gr.Button("Clear", elem_id="rag-clear")
                            gr.Examples(EXAMPLES, inputs=question, label="Examples")
                            with gr.Accordion("Settings", open=False):
                                top_k = gr.Slider(1, config.ui_max_top_k, value=config.top_k, step=1,
                                                  label="Passages")
                                mode = gr.Radio(self.modes(), value=config.answer_mode if config.answer_mode
                                                in self.modes() else "extractive", label="Answer mode")
                        with gr.Column(scale=2, min_width=300):
                            panel = gr.HTML(sources_panel(None), elem_id="rag-sources", label="Sources")
                            picker = gr.Dropdown([], label="Open a cited document", elem_id="rag-open",
                                                 interactive=False)
                            document = gr.HTML("", elem_id="rag-document")
                DocumentsTab(self.assistant).build()
            outputs = [chat, panel, last, question, picker, session]
            inputs = [question, chat, top_k, mode, session]
            events = [trigger(self.respond, inputs, outputs, api_visibility="private")
                      for trigger in (question.submit, send.click)]
            stop.click(None, cancels=events)
            clear.click(lambda: ([], sources_panel(None), None, "", gr.update(choices=[], value=None),
                                 None, ""), outputs=[*outputs, document], api_visibility="private")
            picker.change(self.open_source, [picker, last], document, api_visibility="private").then(
                None, js="() => document.querySelector('#rag-document mark')"
                         "?.scrollIntoView({block: 'center'})")
            gr.api(self.chat_api, api_name="chat")
        return demo


def _user_error(message: str) -> gr.Error:
    """An error for the API client, kept out of the server's log (it is the client's mistake)."""
    return gr.Error(message, print_exception=False)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine ("" is not: it means every interface)."""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_check(host: str) -> list[Middleware]:
    """On a loopback interface without a login, only requests addressed to this machine are
    served. A web page the user visits can rebind its own name to 127.0.0.1 (DNS rebinding)
    and drive the app from the browser, reading the documents or removing them; its
    requests name that page's host, and Starlette's TrustedHostMiddleware refuses them."""
    if not is_loopback(host):  # another interface: a login is required, and hosts vary
        return []
    named = f"[{host}]" if ":" in host else host  # an IPv6 literal, as a Host header writes it
    return [Middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", "[::1]", named])]


def _choice(number: int, title: str) -> str:
    return f"[{number}] {title}"


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int | None = None,
           auth: tuple[str, str] | None = None, block: bool = True) -> tuple[gr.Blocks, str]:
    """Serve the app; returns the Blocks and its local URL (``block=False`` returns at once)."""
    if not host:  # Gradio would take GRADIO_SERVER_NAME instead, which may be every interface
        raise ValueError("the host is empty: name an interface, e.g. 127.0.0.1 or 0.0.0.0")
    if auth is None and not is_loopback(host):
        raise ValueError(f"binding to {host} exposes the UI: a login (user, password) is required")
    demo = ChatApp(assistant).build()
    demo.queue(default_concurrency_limit=assistant.config.ui_concurrency)
    port = assistant.config.ui_port if port is None else port
    _, url, _ = demo.launch(server_name=host, server_port=port, auth=auth, share=False,
                            app_kwargs={"middleware": _host_check(host)},
                            theme=THEME, css=CSS, ssr_mode=False, prevent_thread_lock=not block,
                            footer_links=["api"], quiet=not block, pwa=False, mcp_server=False,
                            max_file_size=assistant.config.ui_upload_max_bytes)
    return demo, url
