"""The Textual debugger: the app, its screen and the collaborators that screen hands its work to, its widgets."""
