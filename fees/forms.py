from django import forms

from core.states import state_label

from .models import Locality
from .selectors import localities_in, states_with_localities


class LocalityForm(forms.Form):
    """State, then a locality of that state; a locality of another state is refused."""

    state = forms.ChoiceField(label="State or territory")
    locality = forms.ModelChoiceField(
        label="Locality",
        queryset=Locality.objects.none(),
        empty_label="Choose a locality",
        error_messages={
            "required": "Choose a locality.",
            "invalid_choice": "Choose one of the localities listed for this state.",
        },
    )

    def __init__(self, *args, state: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (each, state_label(each)) for each in states_with_localities()
        ]
        if state:
            self.fields["locality"].queryset = localities_in(state)
